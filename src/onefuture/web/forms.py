"""Django forms in GOV.UK Frontend markup, for every staff workspace form.

``FORM_RENDERER = "onefuture.web.forms.GovukFormRenderer"`` (settings) makes ``{{ form }}`` and
``{{ form.field.as_field_group }}`` render each field as a GOV.UK form group: label, hint
(the field's ``help_text``), error message and the input with its GOV.UK class, for text,
e-mail, number, date, URL and password inputs, textareas, selects, radios, checkboxes (one or
many) and file uploads; ``{% include "web/includes/error_summary.html" %}`` puts the error
summary at the top of the page, each error linked to its field. The markup follows the GOV.UK
Design System's components (https://design-system.service.gov.uk/components/).

A field can ask for a GOV.UK width or a bigger label through its widget's attributes:
``forms.CharField(widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}))`` adds the
class to the input; ``attrs={"label_size": "m"}`` sets ``govuk-label--m`` (or the legend's size
for radios and checkboxes); ``attrs={"inline": True}`` lays radios side by side. (The inputs
are drawn by the field template, so these keys never reach the HTML as attributes.)

Why Django's own form renderer and not django-crispy-forms with crispy-forms-gds: the two
templates here are all the project needs, and a second form layout language (crispy's ``Layout``
objects) would be one more thing for every app to learn (ADR 0029).
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates


class GovukFormRenderer(DjangoTemplates):
    """Django's template renderer with the GOV.UK form and field templates as defaults."""

    form_template_name = "web/forms/form.html"
    field_template_name = "web/forms/field.html"
