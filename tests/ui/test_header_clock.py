"""The header clock shows Beijing time, like the receipt, whatever zone the machine is set to."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from config.schema import Language, TerminalSettings
from ui.widgets.header import Header

BEIJING = timezone(timedelta(hours=8))


def test_the_clock_and_date_are_beijing_time(qtbot) -> None:
    header = Header(TerminalSettings(id="MY-T-1", name="测试终端", hall="测试大厅"))
    qtbot.addWidget(header)
    before = datetime.now(BEIJING)
    header.update_clock()
    after = datetime.now(BEIJING)
    assert header.clock_time.text() in {f"{before:%H:%M:%S}", f"{after:%H:%M:%S}"}
    assert header.clock_date.text().startswith(f"{after.year}年{after.month}月{after.day}日")


def test_the_english_date_names_the_beijing_day(qtbot) -> None:
    header = Header(TerminalSettings(id="MY-T-1", name="测试终端", hall="测试大厅"))
    qtbot.addWidget(header)
    header.set_state(Language.EN, large_text=False, muted=False)
    header.update_clock()
    today = datetime.now(BEIJING)
    assert header.clock_date.text().endswith(f"{today.day} {today:%B} {today.year}")
