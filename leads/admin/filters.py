"""The lead list's filters."""

from django.conf import settings
from django.contrib import admin

from leads.selectors import front_desk_users, lead_sources_recent


class SpamFilter(admin.SimpleListFilter):
    """Spam is hidden unless asked for."""

    title = "spam"
    parameter_name = "spam"

    def lookups(self, request, model_admin):
        return [("only", "Only suspected spam"), ("all", "Everything")]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "Hide spam",
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: lookup}
                ),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == "only":
            return queryset.spam()
        if self.value() == "all" or request.GET.get("status__exact") == "spam":
            return queryset  # asking for the Spam status shows spam
        return queryset.not_spam()


class OwnerFilter(admin.SimpleListFilter):
    title = "owner"
    parameter_name = "owner"

    def lookups(self, request, model_admin):
        return [("me", "Mine"), ("none", "Unassigned")] + [
            (str(u.pk), u.get_full_name() or u.get_username())
            for u in front_desk_users()
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "me":
            return queryset.filter(owner=request.user)
        if value == "none":
            return queryset.filter(owner__isnull=True)
        if value and value.isdigit():
            return queryset.filter(owner_id=int(value))
        return queryset


class OverdueFilter(admin.SimpleListFilter):
    title = "response"
    parameter_name = "response"

    def lookups(self, request, model_admin):
        minutes = settings.LEADS_RESPONSE_TARGET_MINUTES
        return [("overdue", f"Overdue (New for over {minutes} min)")]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.overdue()
        return queryset


class SourceFilter(admin.SimpleListFilter):
    title = "source"
    parameter_name = "source"

    def lookups(self, request, model_admin):
        return [("none", "Direct / none")] + [(s, s) for s in lead_sources_recent()]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(utm_source="")
        if self.value():
            return queryset.filter(utm_source=self.value())
        return queryset


class EscalatedFilter(admin.SimpleListFilter):
    """Leads whose team lead was told nobody answered them (Lead.escalated_at)."""

    title = "escalation"
    parameter_name = "escalated"

    def lookups(self, request, model_admin):
        return [("yes", "Escalated")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.escalated()
        return queryset
