"""The checker's StepForm: what one screen may send."""

import pytest
from django.http import QueryDict

from checker import engine
from checker.forms import StepForm
from tests.factories import make_checker

pytestmark = pytest.mark.django_db


def form(rules, step=0, answers=None, codes=(), action="next", preview=None):
    state = engine.State(rules.version, answers=answers or {}, preview=preview)
    data = QueryDict(mutable=True)
    data.update({"state": state.dumps(), "step": str(step), "action": action})
    data.setlist("answer", list(codes))
    return StepForm(data, rule_set=rules, preview=preview)


def test_one_answer_where_one_is_asked_and_several_where_several_are():
    rules = make_checker()
    assert form(rules, codes=["none"]).is_valid()
    warning = form(rules, codes=["bladder", "groin"])  # tick all that apply
    assert warning.is_valid() and warning.answered()
    where = form(rules, step=1, answers={"warning": ["none"]}, codes=["heel", "knee"])
    assert where.is_valid() and not where.answered()
    nothing = form(rules, step=1, answers={"warning": ["none"]})
    assert nothing.is_valid() and not nothing.answered()


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"codes": ["elbow"]}, "unknown"),
        ({"step": 3}, "skipped"),
        ({"action": "jump"}, "changed"),
        ({"preview": 99}, "outdated"),
    ],
)
def test_requests_we_cannot_answer_name_their_problem(kwargs, code):
    rules = make_checker()
    step_form = form(rules, **kwargs)
    if kwargs.get("preview"):
        # A preview's answers sent to the public checker.
        step_form = StepForm(step_form.data, rule_set=rules, preview=None)
    assert not step_form.is_valid()
    assert step_form.errors.as_data()["__all__"][0].code == code
