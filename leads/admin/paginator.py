from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedCountPaginator(Paginator):
    """
    Counts at most COUNT_CAP rows, so a list page never counts the whole table.
    Past the cap, filter or search to narrow the list down.
    """

    COUNT_CAP = 10_000

    @cached_property
    def count(self):
        # No ORDER BY in the count: the planner may then use any index, or stop
        # a scan early, instead of walking the list's sort order.
        return self.object_list.order_by()[: self.COUNT_CAP].count()
