"""The measure editor's forms: the definition, the targets as "value by year" rows, commentary.

The forms check what one field can say on its own (a number is a number, a year is a period);
the rules between fields (targets agreeing with each other and with the measure's direction)
are the service's (``measures.services.targets_validate``), whose errors the view puts back on
the fields they name. Unticking an "illustrative" flag needs its own confirmation: an edit never
removes the label by accident.
"""

from __future__ import annotations

from typing import Any

from django import forms

from onefuture.measures.models import AssessmentKind, Polarity, TargetPath, ValueType
from onefuture.measures.periods import PeriodError, period_parse

_WIDTH_10 = {"class": "govuk-input--width-10"}
_WIDTH_5 = {"class": "govuk-input--width-5"}


def _period(value: str, what: str) -> str:
    value = (value or "").strip()
    if value:
        try:
            period_parse(value)
        except PeriodError as error:
            raise forms.ValidationError(f"Enter {what} like 2030 or 2030/31 ({error})") from None
    return value


class MeasureForm(forms.Form):
    """A measure's definition, baseline, benchmarks, links and which assessments apply."""

    title = forms.CharField(max_length=300, error_messages={"required": "Enter a title"})
    definition = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What is counted, in plain English.",
        error_messages={"required": "Enter what the measure counts"},
    )
    value_type = forms.ChoiceField(label="Type of value", choices=ValueType.choices)
    polarity = forms.ChoiceField(
        label="Which direction is better", choices=Polarity.choices, widget=forms.RadioSelect
    )
    unit = forms.CharField(
        required=False,
        max_length=60,
        help_text="Shown after the value, e.g. %, per 100,000, years.",
        widget=forms.TextInput(attrs=_WIDTH_10),
    )
    multiplier = forms.FloatField(
        help_text="100 for a percentage, 100000 for a rate per 100,000, else 1.",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-10", "step": "any"}),
        error_messages={"required": "Enter the multiplier", "invalid": "Enter a number"},
    )
    decimal_places = forms.IntegerField(
        label="Decimal places shown",
        min_value=0,
        max_value=6,
        widget=forms.NumberInput(attrs=_WIDTH_5),
        error_messages={"invalid": "Enter a whole number from 0 to 6"},
    )
    frequency = forms.CharField(
        required=False,
        max_length=40,
        help_text="How often new data come, e.g. annual, quarterly.",
        widget=forms.TextInput(attrs=_WIDTH_10),
    )
    source = forms.CharField(required=False, max_length=300)
    source_url = forms.URLField(
        label="Source address",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address"},
    )
    licence = forms.CharField(required=False, max_length=200)
    attribution = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Shown wherever the data are shown.",
    )
    illustrative = forms.BooleanField(
        required=False,
        label="The whole measure is an illustrative example, not real data",
    )
    baseline_period = forms.CharField(
        label="Baseline period",
        required=False,
        help_text="e.g. 2018/19",
        widget=forms.TextInput(attrs=_WIDTH_10),
    )
    baseline_value = forms.FloatField(
        label="Baseline value",
        required=False,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-10", "step": "any"}),
        error_messages={"invalid": "Enter the baseline as a number, e.g. 13.5"},
    )
    baseline_illustrative = forms.BooleanField(
        required=False, label="The baseline is an illustrative example, not a real figure"
    )
    target_path = forms.ChoiceField(
        label="Path to the targets", choices=TargetPath.choices, widget=forms.RadioSelect
    )
    home_area = forms.ChoiceField(
        label="Area the targets are for", required=False, help_text="Usually the place itself."
    )
    comparator_group = forms.ChoiceField(label="Compared with a group of areas", required=False)
    benchmark_areas = forms.MultipleChoiceField(
        label="Benchmarks",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The areas the value is compared with; the first national one is the main one.",
    )
    big_things = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    ambitions = forms.MultipleChoiceField(
        label="Cross-cutting ambitions", required=False, widget=forms.CheckboxSelectMultiple
    )
    assessments = forms.MultipleChoiceField(
        label="Which assessments apply",
        required=False,
        choices=AssessmentKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    confirm_real = forms.BooleanField(
        required=False,
        label="I confirm the numbers I unticked are real or agreed, not examples",
        help_text="Needed only when you untick an 'illustrative' box: the label then comes off "
        "the public pages.",
    )

    def __init__(
        self,
        *args: Any,
        home_areas: list[tuple[str, str]],
        groups: list[tuple[str, str]],
        benchmarks: list[tuple[str, str]],
        big_things: list[tuple[str, str]],
        ambitions: list[tuple[str, str]],
        big_thing_label: str = "Big things",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["home_area"].choices = [("", "None"), *home_areas]
        self.fields["comparator_group"].choices = [("", "None"), *groups]
        self.fields["benchmark_areas"].choices = benchmarks
        self.fields["big_things"].choices = big_things
        self.fields["big_things"].label = big_thing_label
        self.fields["ambitions"].choices = ambitions

    def clean_baseline_period(self) -> str:
        return _period(self.cleaned_data.get("baseline_period", ""), "the baseline period")

    def unticked(self) -> list[str]:
        """The names of the flags that were ticked and are now unticked."""
        return [
            name
            for name in ("illustrative", "baseline_illustrative")
            if self.initial.get(name) and not self.cleaned_data.get(name)
        ]


class TargetForm(forms.Form):
    """One target: a value by a year (the period, as data are written: 2030 or 2030/31)."""

    period = forms.CharField(
        label="Year", required=False, max_length=12, widget=forms.TextInput(attrs=_WIDTH_5)
    )
    value = forms.FloatField(
        required=False,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5", "step": "any"}),
        error_messages={"invalid": "Enter the target as a number, e.g. 4.5"},
    )
    horizon = forms.BooleanField(required=False, label="The vision's end target")
    illustrative = forms.BooleanField(
        required=False, label="Illustrative: an example, not an agreed target"
    )
    notes = forms.CharField(required=False, widget=forms.TextInput())
    remove = forms.BooleanField(required=False, label="Remove this target")

    def clean_period(self) -> str:
        return _period(self.cleaned_data.get("period", ""), "the year")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("remove") or self.is_blank():
            return data
        if not data.get("period") and "period" not in self.errors:
            self.add_error("period", "Enter the year of the target, e.g. 2030")
        if data.get("value") is None and "value" not in self.errors:
            self.add_error("value", "Enter the target value")
        return data

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("period") and data.get("value") is None and not data.get("notes")

    def is_kept(self) -> bool:
        """A row that is a target after saving (not removed, not left empty)."""
        return not self.cleaned_data.get("remove") and not self.is_blank()


TargetFormSet = forms.formset_factory(TargetForm, extra=2)


class CommentaryForm(forms.Form):
    """The officer's commentary on one period: what the data say and what is being done."""

    period = forms.CharField(
        label="Period it is about",
        max_length=12,
        help_text="The data period, as written in the data, e.g. 2024/25.",
        widget=forms.TextInput(attrs=_WIDTH_10),
        error_messages={"required": "Enter the period it is about"},
    )
    text = forms.CharField(
        label="Commentary",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What the data say and what partners are doing about it, in plain English.",
        error_messages={"required": "Enter the commentary"},
    )
