"""The analyst's theme pages in the workspace: the scope's themes and runs, one run's progress,
one theme (rename, confirm, big things, split), merge, and the review queue.

Views translate HTTP: they read through :mod:`onefuture.engagement.pages.themes`, write through
:mod:`onefuture.engagement.services.themes`, and show an
:class:`~onefuture.core.errors.ApplicationError` beside the form. Every page works without
JavaScript: a running run's page has a plain "Refresh" link (not ``<meta http-equiv="refresh">``,
which WCAG 2.2.1 and axe's ``meta-refresh`` rule refuse: a page must not reload on its own).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from onefuture.core.errors import ApplicationError
from onefuture.engagement.pages import themes as pages
from onefuture.engagement.permissions import ANALYSE
from onefuture.engagement.selectors import themes as selectors
from onefuture.engagement.services import themes as services
from onefuture.web.place_urls import Page, PlaceSite
from onefuture.web.shortcuts import render
from onefuture.web.workspace import workspace_page

_TEMPLATES = "engagement/themes/"


def _scope(request: HttpRequest, site: PlaceSite) -> selectors.Scope:
    # The scope is always in the query string (forms post to their own URL, query included).
    return selectors.scope_get(
        place=site.place,
        consultation=request.GET.get("consultation") or None,
        event=request.GET.get("event") or None,
    )


def _messages(error: ApplicationError) -> list[str]:
    return [error.message, *(d.message for d in error.errors)]


class RunForm(forms.Form):
    n_themes = forms.IntegerField(
        label="Number of themes (optional)",
        required=False,
        min_value=2,
        max_value=services.MAX_THEMES,
        help_text=f"Leave empty to let the method choose (from 5 to {services.MAX_THEMES}).",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )


@workspace_page(ANALYSE)
def themes(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """A scope's themes; start a run over its comments."""
    scope = _scope(request, site)
    form = RunForm(request.POST or None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                run = services.theme_run_start(
                    user=request.user,
                    place=site.place,
                    consultation=scope.consultation,
                    event=scope.event,
                    n_themes=form.cleaned_data["n_themes"],
                )
                return redirect(site.url("workspace-theme-run", run.pk))
            except ApplicationError as error:
                if error.status_code != 400:
                    raise
                errors = _messages(error)
        status = 400
    return render(
        request,
        site,
        _TEMPLATES + "index.html",
        {"page": pages.themes_page(scope=scope), "form": form, "errors": errors},
        status=status,
    )


@workspace_page(ANALYSE)
def run(request: HttpRequest, site: PlaceSite, run_id: int) -> HttpResponse:
    """One run's progress, with a "Refresh" link while it runs."""
    return render(
        request,
        site,
        _TEMPLATES + "run.html",
        {"page": pages.run_page(place=site.place, run_id=run_id)},
    )


class RenameForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200)
    description = forms.CharField(
        label="Description (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A sentence saying what the theme is about; a re-run uses it to assign "
        "comments to a confirmed theme.",
    )


class BigThingsForm(forms.Form):
    big_things = forms.MultipleChoiceField(
        label="Big things this theme is about",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The theme's comments are about these big things too.",
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["big_things"].choices = choices


@workspace_page(ANALYSE)
def theme(request: HttpRequest, site: PlaceSite, key: str) -> HttpResponse:
    """One theme: rename, confirm, map to big things, split; its comments."""
    page = pages.theme_page(place=site.place, key=key)
    subject = page.theme
    choices = [(b.key, b.title) for b in page.big_things]
    rename = RenameForm(initial={"name": subject.name, "description": subject.description})
    mapping = BigThingsForm(choices=choices, initial={"big_things": sorted(page.big_thing_keys)})
    errors: list[str] = []
    if request.method == "POST":
        step = request.POST.get("step", "")
        try:
            if step == "rename":
                rename = RenameForm(request.POST)
                if rename.is_valid():
                    services.theme_rename(
                        user=request.user, place=site.place, theme=subject, **rename.cleaned_data
                    )
                    return redirect(site.url("workspace-theme", key) + "?done=renamed")
            elif step == "confirm":
                services.theme_confirm(user=request.user, place=site.place, theme=subject)
                return redirect(site.url("workspace-theme", key) + "?done=confirmed")
            elif step == "big_things":
                mapping = BigThingsForm(request.POST, choices=choices)
                if mapping.is_valid():
                    chosen = set(mapping.cleaned_data["big_things"])
                    services.theme_big_things_set(
                        user=request.user,
                        place=site.place,
                        theme=subject,
                        big_things=[b for b in page.big_things if b.key in chosen],
                    )
                    return redirect(site.url("workspace-theme", key) + "?done=mapped")
            elif step == "split":
                halves = services.theme_split(user=request.user, place=site.place, theme=subject)
                return redirect(
                    site.url("workspace-themes")
                    + pages.scope_query(page.scope)
                    + ("&" if page.query else "?")
                    + "split="
                    + ",".join(h.key for h in halves)
                )
            else:
                errors = ["Choose what to do with the theme."]
        except ApplicationError as error:
            if error.status_code != 400:
                raise
            errors = _messages(error)
        return render(
            request,
            site,
            _TEMPLATES + "theme.html",
            {"page": page, "rename": rename, "mapping": mapping, "errors": errors},
            status=400,
        )
    return render(
        request,
        site,
        _TEMPLATES + "theme.html",
        {
            "page": page,
            "rename": rename,
            "mapping": mapping,
            "errors": errors,
            "done": request.GET.get("done", ""),
        },
    )


class MergeForm(forms.Form):
    themes = forms.MultipleChoiceField(label="Themes to merge", widget=forms.CheckboxSelectMultiple)
    into = forms.ChoiceField(
        label="Into which theme",
        widget=forms.RadioSelect,
        help_text="It keeps its name; the others' comments, keywords and big things move to it.",
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = choices
        self.fields["into"].choices = choices


@workspace_page(ANALYSE)
def merge(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """Merge some of a scope's themes into one."""
    scope = _scope(request, site)
    scope_themes = list(selectors.scope_themes(scope=scope))
    choices = [(t.key, t.name) for t in scope_themes]
    form = MergeForm(request.POST or None, choices=choices)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            by_key = {t.key: t for t in scope_themes}
            try:
                into = services.theme_merge(
                    user=request.user,
                    place=site.place,
                    themes=[by_key[k] for k in form.cleaned_data["themes"]],
                    into=by_key[form.cleaned_data["into"]],
                )
                return redirect(site.url("workspace-theme", into.key) + "?done=merged")
            except ApplicationError as error:
                if error.status_code != 400:
                    raise
                errors = _messages(error)
        status = 400
    return render(
        request,
        site,
        _TEMPLATES + "merge.html",
        {"form": form, "errors": errors, "scope": scope, "query": pages.scope_query(scope)},
        status=status,
    )


@workspace_page(ANALYSE)
def review(request: HttpRequest, site: PlaceSite) -> HttpResponse:
    """The review queue: tick a comment's themes and confirm them."""
    scope = _scope(request, site)
    errors: list[str] = []
    if request.method == "POST":
        try:
            comment = selectors.comment_get(
                place=site.place, comment_id=int(request.POST.get("comment", "0") or 0)
            )
        except ValueError:
            comment = selectors.comment_get(place=site.place, comment_id=0)
        keys = request.POST.getlist("themes")
        chosen = selectors.themes_by_keys(place=site.place, keys=keys)
        try:
            services.comment_themes_set(
                user=request.user, place=site.place, comment=comment, themes=chosen
            )
            return redirect(
                site.url("workspace-themes-review")
                + pages.scope_query(scope)
                + ("&" if scope.query else "?")
                + f"done={comment.pk}"
            )
        except ApplicationError as error:
            if error.status_code != 400:
                raise
            errors = _messages(error)
    return render(
        request,
        site,
        _TEMPLATES + "review.html",
        {
            "page": pages.review_page(scope=scope),
            "errors": errors,
            "done": request.GET.get("done", ""),
        },
        status=400 if errors else 200,
    )


PAGES: list[Page] = [
    Page("workspace/engagement/themes/", themes, "workspace-themes"),
    Page("workspace/engagement/themes/runs/<int:run_id>/", run, "workspace-theme-run"),
    Page("workspace/engagement/themes/merge/", merge, "workspace-themes-merge"),
    Page("workspace/engagement/themes/review/", review, "workspace-themes-review"),
    Page("workspace/engagement/themes/<slug:key>/", theme, "workspace-theme"),
]
