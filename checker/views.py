from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from checker import engine
from checker.forms import StepForm
from checker.models import RuleSet
from clinic.pagecache import fill
from leads.forms import sign_checker_answers


@never_cache
@require_http_methods(["GET", "POST"])
def condition_checker(request, preview_pk=None):
    """One question per screen; answers travel in a signed field, never stored."""
    rule_set = _rule_set(request, preview_pk)
    context = {"rule_set": rule_set, "preview": preview_pk is not None}
    if rule_set is None:
        return render(request, "checker/checker.html", {"mode": "unavailable"})

    if request.method == "GET":
        state = engine.State(rule_set.version, preview=preview_pk)
        return _checker_step(request, context, state, 0)

    form = StepForm(request.POST, rule_set=rule_set, preview=preview_pk)
    if not form.is_valid():
        return _checker_problem(request, context, form.problem)
    action = form.cleaned_data["action"]
    if action == "restart":
        return HttpResponseRedirect(request.path, status=303)
    state, step = form.cleaned_data["state"], form.cleaned_data["step"]
    if action == "back":
        return _checker_step(request, context, state, max(step - 1, 0))
    if not form.answered():
        return _checker_step(
            request, context, state, step, error="Please choose an answer to go on."
        )
    question, codes = form.cleaned_data["question"], form.cleaned_data["codes"]
    state.answers[question] = codes
    # Answers after this step may no longer fit; they are kept for Back only.
    if engine.has_red_flag(rule_set, state.answers):
        if not context["preview"]:
            engine.record(red_flag=True)
        return render(request, "checker/checker.html", {**context, "mode": "red_flag"})
    if step + 1 < len(engine.STEPS):
        return _checker_step(request, context, state, step + 1)
    return _checker_result(request, context, state)


def _rule_set(request, preview_pk):
    """The live rule set, or the one a staff member previews (`preview_pk`)."""
    if preview_pk is None:
        return engine.live_rule_set()
    if not (
        request.user.is_active
        and request.user.is_staff
        and request.user.has_perm("checker.view_ruleset")
    ):
        raise PermissionDenied
    return get_object_or_404(RuleSet.objects.prefetch_related("options"), pk=preview_pk)


def _checker_result(request, context, state):
    """The result once every question is answered (counted unless a preview)."""
    rule_set = context["rule_set"]
    outcome = engine.evaluate(rule_set, state.answers)
    if not context["preview"]:
        engine.record(red_flag=False)
    # The patient may attach a summary of their answers to the contact form;
    # never from a staff preview.
    attachment = (
        ""
        if context["preview"]
        else sign_checker_answers(
            version=rule_set.version, summary=engine.summary(rule_set, state.answers)
        )
    )
    # The contact form's tokens are filled in for this visitor (never cached).
    return fill(
        request,
        render(
            request,
            "checker/checker.html",
            {
                **context,
                "mode": "result",
                "outcome": outcome,
                "state": state.dumps(),
                "step": len(engine.STEPS),
                "checker_answers": attachment,
            },
        ),
    )


def _checker_step(request, context, state, step, error=""):
    question = engine.STEPS[step]
    options = engine.options_by_question(context["rule_set"]).get(question, [])
    return render(
        request,
        "checker/checker.html",
        {
            **context,
            "mode": "step",
            "state": state.dumps(),
            "step": step,
            "step_number": step + 1,
            "step_count": len(engine.STEPS),
            "question": question.label,
            "hint": engine.STEP_HINTS.get(question, ""),
            "multiple": question in engine.MULTIPLE,
            "options": options,
            "selected": state.answers.get(question, []),
            "error": error,
        },
        status=400 if error else 200,
    )


def _checker_problem(request, context, problem):
    return render(
        request,
        "checker/checker.html",
        {**context, "mode": "problem", "problem": problem},
        status=400,
    )
