"""The staff workspace shell: signing in and out, its home page, its items by right, the
GOV.UK form renderer, and the pages in a real browser with axe and without JavaScript."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.test import Client

from onefuture.core.models import Role
from onefuture.core.services import membership_set
from onefuture.web.workspace import WorkspaceItem, workspace_list, workspace_register
from tests.browser import assert_no_axe_violations
from tests.website.sample import sample_place

pytestmark = pytest.mark.django_db


def _user(username: str, *, place=None, role: str | None = None, partner=None):
    user = get_user_model().objects.create_user(username=username, password="pw-12345-long")
    if role is not None:
        membership_set(user=user, place=place, role=role, partner=partner)
    return user


def _main(html: str) -> str:
    return re.search(r"<main\b.*?</main>", html, re.S).group(0)


def test_the_workspace_sends_a_visitor_to_sign_in_and_back(client: Client) -> None:
    sample = sample_place()
    _user("olive", place=sample.place, role=Role.STRATEGY_OFFICER)
    response = client.get("/places/riverton/workspace/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/?next=/places/riverton/workspace/")
    page = client.get("/places/riverton/sign-in/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'autocomplete="username"' in html and 'class="govuk-input' in html
    wrong = client.post(
        "/places/riverton/sign-in/?next=/places/riverton/workspace/",
        {"username": "olive", "password": "wrong", "next": "/places/riverton/workspace/"},
    )
    assert wrong.status_code == 200
    assert "Enter a correct username and password" in wrong.content.decode()
    assert "govuk-error-summary" in wrong.content.decode()
    right = client.post(
        "/places/riverton/sign-in/",
        {"username": "olive", "password": "pw-12345-long", "next": "/places/riverton/workspace/"},
    )
    assert right.status_code == 302 and right["Location"] == "/places/riverton/workspace/"
    home = client.get("/places/riverton/workspace/").content.decode()
    assert "strategy officer in Riverton" in _main(home)
    assert "Sign out" in home
    out = client.post("/places/riverton/sign-out/")
    assert out.status_code == 302
    assert client.get("/places/riverton/workspace/").status_code == 302


def test_sign_out_is_refused_by_get(client: Client) -> None:
    sample_place()
    assert client.get("/places/riverton/sign-out/").status_code == 405


def test_a_person_with_no_role_in_the_place_is_refused_with_whom_to_ask(client: Client) -> None:
    sample_place()
    client.force_login(_user("stranger"))
    response = client.get("/places/riverton/workspace/")
    assert response.status_code == 403
    assert "Ask an administrator of Riverton" in response.content.decode()


def test_items_show_only_to_those_with_the_right(client: Client) -> None:
    sample = sample_place()
    assert any(item.url_name == "data-upload" for item in workspace_list())
    client.force_login(_user("olive", place=sample.place, role=Role.STRATEGY_OFFICER))
    assert "Upload data" in _main(client.get("/places/riverton/workspace/").content.decode())
    client.force_login(_user("sam", place=sample.place, role=Role.SCRUTINY_MEMBER))
    assert "Upload data" not in _main(client.get("/places/riverton/workspace/").content.decode())


def test_an_item_shows_what_waits(client: Client) -> None:
    sample = sample_place()
    item = WorkspaceItem(
        url_name="home", title="Things to check", action=None, count=lambda site, user: 3, order=1
    )
    workspace_register(item)
    try:
        client.force_login(_user("olive", place=sample.place, role=Role.STRATEGY_OFFICER))
        html = _main(client.get("/places/riverton/workspace/").content.decode())
        assert "Things to check" in html and "3 waiting" in html
    finally:
        from onefuture.web import workspace

        workspace._ITEMS.pop("home")


def test_registering_two_items_for_one_page_is_refused() -> None:
    with pytest.raises(ValueError, match="already registered"):
        workspace_register(WorkspaceItem(url_name="data-upload", title="Something else"))


class _Sample(forms.Form):
    name = forms.CharField(help_text="As it appears on the routemap.")
    notes = forms.CharField(widget=forms.Textarea, required=False)
    status = forms.ChoiceField(
        choices=[("on_track", "On track"), ("at_risk", "At risk")], widget=forms.RadioSelect
    )
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])
    ambitions = forms.MultipleChoiceField(
        choices=[("x", "X"), ("y", "Y")], widget=forms.CheckboxSelectMultiple, required=False
    )
    agreed = forms.BooleanField(required=False, label="Agreed")
    due = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    evidence = forms.FileField(required=False)


def test_the_form_renderer_writes_govuk_form_groups_with_errors_linked() -> None:
    form = _Sample(data={"name": "", "status": "at_risk", "kind": "b", "ambitions": ["y"]})
    assert not form.is_valid()
    html = str(form)
    assert 'class="govuk-form-group govuk-form-group--error"' in html
    assert 'id="id_name-error" class="govuk-error-message"' in html
    assert 'aria-describedby="id_name-hint id_name-error"' in html
    assert 'class="govuk-textarea' in html
    assert re.search(r'class="govuk-radios__input"[^>]*value="at_risk" checked', html)
    assert re.search(r'<option value="b" selected>B</option>', html)
    assert re.search(r'type="checkbox" value="y" checked', html)
    assert 'class="govuk-file-upload' in html
    assert 'type="date"' in html
    from django.template.loader import render_to_string

    summary = render_to_string("web/includes/error_summary.html", {"form": form})
    assert '<a href="#id_name">This field is required.</a>' in summary


@pytest.mark.browser
def test_sign_in_and_workspace_pages_pass_axe_without_javascript(
    live_server, page, page_no_js
) -> None:
    sample = sample_place()
    _user("olive", place=sample.place, role=Role.STRATEGY_OFFICER)
    for p in (page, page_no_js):
        p.goto(live_server.url + "/places/riverton/sign-in/")
        if p is page:  # axe is a script: it runs in the page with JavaScript on
            assert_no_axe_violations(p)
        p.fill("#id_username", "olive")
        p.fill("#id_password", "pw-12345-long")
        p.click("button[type=submit]")
        p.wait_for_url("**/places/riverton/workspace/")
        assert "Your workspace" in p.inner_text("main")
        if p is page:
            assert_no_axe_violations(p)
        p.click("text=Sign out")
        p.wait_for_url("**/places/riverton/")
