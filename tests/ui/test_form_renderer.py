"""The form renderer: conditional fields keep what was typed, language switches keep input,
numbers are checked live, repeat groups add and remove items, the address picker is real."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from kiosk.form_visibility import submitted_data
from kiosk.journey import demo_identity
from kiosk.mianyang_divisions import counties
from tests.ui.event_loop import settle
from tests.ui.journey_driver import choose, click, start, type_into, type_text
from ui.forms.field_inputs import AddressInput


def test_a_hidden_field_keeps_its_answer_and_shows_it_again(window, qtbot):
    start(window)
    view = window.journey.form.view
    assert not view.is_shown("matter.child_name")
    choose(window, "matter.matter_type", "hukou_newborn")
    assert view.is_shown("matter.child_name")
    type_into(qtbot, window, "matter.child_name", "李小明")

    choose(window, "matter.matter_type", "hukou_transfer")
    assert not view.is_shown("matter.child_name")
    assert view.is_shown("matter.move_to")
    draft = window.journey.journey.draft
    assert "child_name" not in submitted_data(draft.form, draft.data)["matter"]

    choose(window, "matter.matter_type", "hukou_newborn")
    assert view.is_shown("matter.child_name")
    assert view.input("matter.child_name").edit.text() == "李小明"
    assert submitted_data(draft.form, draft.data)["matter"]["child_name"] == "李小明"


def test_a_section_appears_when_its_condition_holds(window, qtbot):
    start(window)
    view = window.journey.form.view
    assert not view.sections["spouse"].isVisibleTo(window)
    choose(window, "matter.marital_status", "married")
    assert view.sections["spouse"].isVisibleTo(window)


def test_switching_language_on_the_form_keeps_every_answer(window, qtbot):
    start(window)
    type_into(qtbot, window, "contact.phone", "13800001111")
    choose(window, "matter.matter_type", "hukou_transfer")
    view = window.journey.form.view
    assert view.row("contact.phone").label.text().startswith("手机号码")

    qtbot.mouseClick(window.header.language_button, Qt.MouseButton.LeftButton)
    settle()
    assert view.row("contact.phone").label.text().startswith("Mobile")
    assert view.row("applicant.name").badge.text() == "From your card, cannot be changed"
    assert window.journey.form.next_button.text() == "Next: materials"
    assert view.input("contact.phone").edit.text() == "13800001111"
    assert view.input("matter.matter_type").value() == "hukou_transfer"
    assert view.input("matter.matter_type").chips[
        2
    ].text() == "Household registration transfer" or (
        view.input("matter.matter_type").chips[2].isChecked()
    )
    assert window.journey.journey.draft.data["contact"]["phone"] == "13800001111"


def test_an_id_number_with_a_typo_is_flagged_as_soon_as_it_is_complete(window, qtbot):
    start(window)
    choose(window, "matter.marital_status", "married")
    row = window.journey.form.view.row("spouse.id_number")
    type_into(qtbot, window, "spouse.id_number", "51070319800101991")
    assert row.error.isHidden()  # not complete yet: no nagging while typing
    qtbot.keyClicks(row.input.edit, "3")  # the right check character is 2
    settle()
    assert not row.error.isHidden()
    assert "校验位" in row.error.text()
    row.input.edit.setText("")
    type_into(qtbot, window, "spouse.id_number", "510703198001019912")
    assert row.error.isHidden()


def test_phone_and_credit_code_are_checked_live(window, qtbot):
    start(window)
    row = window.journey.form.view.row("contact.phone")
    type_into(qtbot, window, "contact.phone", "12345678901")
    assert "11位手机号码" in row.error.text()
    type_into(qtbot, window, "contact.phone", "13912345678")
    assert row.error.isHidden()


def test_family_members_are_added_and_removed_keeping_the_others(window, qtbot):
    start(window)
    group = window.journey.form.view.groups["family_members"]
    assert group.items == []
    click(qtbot, group.add_button)
    click(qtbot, group.add_button)
    type_into(qtbot, window, "family_members.0.name", "张一")
    type_into(qtbot, window, "family_members.1.name", "张二")
    click(qtbot, group.items[0].remove_button)
    assert len(group.items) == 1
    assert window.journey.form.view.input("family_members.0.name").edit.text() == "张二"
    assert window.journey.journey.draft.data["family_members"] == [{"name": "张二"}]


def test_member_without_id_number_is_asked_for_a_birth_date_instead(window, qtbot):
    start(window)
    view = window.journey.form.view
    click(qtbot, view.groups["family_members"].add_button)
    choose(window, "family_members.0.has_id_number", False)
    assert view.is_shown("family_members.0.birth_date")
    assert not view.is_shown("family_members.0.id_number")


def test_address_picker_offers_the_towns_of_the_chosen_county(window, qtbot):
    start(window)
    field = window.journey.form.view.input("contact.current_address")
    assert isinstance(field, AddressInput)
    assert field.county.count() == 1 + len(counties()) == 10
    county = counties()[3]
    field.county.setCurrentIndex(field.county.findData(county.code))
    settle()
    towns = [field.town.itemData(i) for i in range(1, field.town.count())]
    assert towns == [town.code for town in county.towns]
    field.town.setCurrentIndex(1)
    type_text(qtbot, field.detail, "幸福村3组")
    settle()
    stored = window.journey.journey.draft.data["contact"]["current_address"]
    assert stored == {"county": county.code, "town": county.towns[0].code, "detail": "幸福村3组"}


def test_errors_are_in_plain_language_next_to_their_fields(window, qtbot):
    start(window)
    click(qtbot, window.journey.form.next_button)
    view = window.journey.form.view
    assert view.row("matter.matter_type").error.text() == "请选择办理事项"
    assert view.row("contact.current_address").error.text().startswith("请填写")
    assert view.row("applicant.name").error.isHidden()


def test_card_values_that_cannot_change_are_shown_masked_but_submitted_whole(window, qtbot):
    start(window)
    resident = demo_identity()
    shown = [edit.text() for edit in window.journey.form.findChildren(QLineEdit)]
    assert not any(resident.number in text or resident.name == text for text in shown)
    assert f"{resident.number[:4]}{'*' * 10}{resident.number[-4:]}" in shown
    draft = window.journey.journey.draft
    assert draft.data["applicant"]["id_number"] == resident.number
