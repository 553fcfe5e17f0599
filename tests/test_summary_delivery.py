"""The morning summary's delivery: nothing new sends nothing (or one line), local time across DST, the settings."""

from __future__ import annotations

import email
import email.policy
from datetime import date, datetime, timedelta, timezone
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from triage.config import ConfigError, parse_config
from triage.delivery import send_daily_summary
from triage.mail.maildir import MaildirClient
from triage.service import Service
from triage.store import Record, Store


def maildir_config(tmp_path, **summary):
    tmp_path.mkdir(parents=True, exist_ok=True)
    MaildirClient(tmp_path / "Maildir", create=True).close()
    return parse_config({"maildir": {"path": str(tmp_path / "Maildir")}, "state": {"path": str(tmp_path / "s.db")},
                         "summary": {"to": "sam@example.org", **summary}, "service": {"timezone": "Europe/London"}})


def inbox(tmp_path) -> list[email.message.EmailMessage]:
    client = MaildirClient(tmp_path / "Maildir")
    found = [email.message_from_bytes(client.root.get_bytes(k), policy=email.policy.default) for k in client.root.keys()]
    client.close()
    return found


@pytest.mark.parametrize("key", ["send_when_empty", "send_empty"])
def test_nothing_new_sends_nothing_or_one_line(tmp_path, key):
    quiet = maildir_config(tmp_path / "quiet")
    store = Store(quiet.state_path)
    store.add([Record(message_id="<job@x>", status="linkedin", kind="other", label="other", state="left")])
    assert send_daily_summary(quiet, store, date.today(), "m").state == "empty"
    store.close()
    assert inbox(tmp_path / "quiet") == []

    told = maildir_config(tmp_path / "told", **{key: True})
    assert told.summary.send_when_empty is True
    assert told.warnings == ([] if key == "send_when_empty" else
                             ["config: [summary] send_empty is now called send_when_empty; rename it"])
    store = Store(told.state_path)
    assert send_daily_summary(told, store, date.today(), "m").state == "sent"
    store.close()
    [message] = inbox(tmp_path / "told")
    assert message["Subject"].startswith("LinkedIn: nothing new · ")
    assert message.get_body(("plain",)).get_content().splitlines()[2].startswith("Nothing new from LinkedIn since ")


def test_the_summary_is_dated_and_timed_in_the_users_zone(tmp_path):
    config = maildir_config(tmp_path)
    store = Store(config.state_path)
    seen = datetime.now(timezone.utc) - timedelta(minutes=5)
    store.add([Record(message_id="<p@x>", status="linkedin", kind="invitation", label="personal", state="done",
                      sender_name="Dana Whitlock", text="Hello!", mail_date=seen.isoformat(),
                      first_seen=seen.isoformat(timespec="seconds"))])
    assert send_daily_summary(config, store, date.today(), "m").state == "sent"
    store.close()
    [message] = inbox(tmp_path)
    offset = datetime.now(ZoneInfo("Europe/London")).strftime("%z")
    assert message["Date"].endswith(offset)
    local = seen.astimezone(ZoneInfo("Europe/London"))
    assert f"{local:%H:%M}" in message.get_body(("plain",)).get_content()


def test_the_morning_summary_keeps_its_local_hour_across_both_dst_changes(tmp_path):
    config = maildir_config(tmp_path)
    service = SimpleNamespace(config=config, tz=ZoneInfo("Europe/London"))
    trigger = Service.summary_trigger(service)   # the trigger `triage run` schedules
    spring = trigger.get_next_fire_time(None, datetime(2026, 3, 28, 8, 0, tzinfo=timezone.utc))
    autumn = trigger.get_next_fire_time(None, datetime(2026, 10, 24, 8, 0, tzinfo=timezone.utc))
    assert (spring.hour, spring.minute, spring.utcoffset()) == (7, 30, timedelta(hours=1))
    assert spring.astimezone(timezone.utc).hour == 6
    assert (autumn.hour, autumn.minute, autumn.utcoffset()) == (7, 30, timedelta(0))
    assert autumn.astimezone(timezone.utc).hour == 7


@pytest.mark.parametrize(("summary", "message"), [
    ({"send_empty": True, "send_when_empty": False}, "send_empty is the old name of send_when_empty"),
    ({"accept_inbox_commands": True}, "accept_inbox_commands needs [parse] trusted_authserv_ids"),
    ({"code_days": 0}, "code_days must be between 1 and 365"),
    ({"sent_folder": 3}, "[summary] sent_folder must be str"),
])
def test_summary_settings_mistakes_are_one_line(tmp_path, summary, message):
    with pytest.raises(ConfigError) as err:
        parse_config({"maildir": {"path": str(tmp_path)}, "summary": summary})
    assert message in str(err.value)
