"""What a patient sends from one screen of the condition checker."""

from django import forms

from checker import engine

# What a patient is told when a request cannot be answered, by error code.
PROBLEMS = {
    "changed": "This page was changed or has expired, so we cannot go on from it.",
    "outdated": "The checker's questions were updated since you started.",
    "skipped": "A question was skipped, so we cannot show a result.",
    "unknown": "One of the answers is not one we offer.",
}


class StepForm(forms.Form):
    """
    One answered screen: the signed answers so far (`state`), the screen
    (`step`), what was ticked (`answer`) and where to go (`action`).

    A request that was tampered with, belongs to another version of the rules,
    skips a question or names an answer we do not offer is invalid with one of
    the PROBLEMS codes; a screen sent with nothing ticked is valid (the view
    asks again). cleaned_data then holds `action`, `state` (an engine.State
    with this screen's answers kept on Back), `step`, `question` (None from
    the result page) and `codes`.
    """

    ACTIONS = ("next", "back", "restart")

    def __init__(self, data, *, rule_set, preview):
        super().__init__(data)
        self.rule_set, self.preview = rule_set, preview

    def clean(self):
        data = self.data
        action = data.get("action") or "next"
        if action not in self.ACTIONS:
            raise forms.ValidationError(PROBLEMS["changed"], code="changed")
        if action == "restart":
            return {"action": action}
        try:
            state = engine.State.loads(data.get("state"))
            step = int(data.get("step", ""))
        except (engine.InvalidState, ValueError) as error:
            raise forms.ValidationError(PROBLEMS["changed"], code="changed") from error
        if state.version != self.rule_set.version or state.preview != self.preview:
            raise forms.ValidationError(PROBLEMS["outdated"], code="outdated")
        # `step` is the question being answered; from the result page (one past
        # the last question) only Back is possible.
        last = len(engine.STEPS) - 1 if action == "next" else len(engine.STEPS)
        if not 0 <= step <= last or any(
            question not in state.answers for question in engine.STEPS[:step]
        ):
            raise forms.ValidationError(PROBLEMS["skipped"], code="skipped")
        codes = [code for code in data.getlist("answer") if code]
        question = engine.STEPS[step] if step < len(engine.STEPS) else None
        if question is not None:
            offered = {
                option.code
                for option in self.rule_set.options.all()
                if option.question == question
            }
            if any(code not in offered for code in codes):
                raise forms.ValidationError(PROBLEMS["unknown"], code="unknown")
            if codes and action == "back":
                state.answers[question] = codes  # what was ticked is kept on Back
        return {
            "action": action,
            "state": state,
            "step": step,
            "question": question,
            "codes": codes,
        }

    @property
    def problem(self):
        """The message for an invalid request."""
        return self.non_field_errors()[0]

    def answered(self):
        """Whether this screen's answer is complete: something ticked, and only
        one answer where the question takes one."""
        codes, question = self.cleaned_data["codes"], self.cleaned_data["question"]
        return bool(codes) and (question in engine.MULTIPLE or len(codes) == 1)
