"""A request for a device's consumables that does not ask for the device ("Electrodes and batteries")
says the device is in use: a continuation read from the request when the records do not tell it. A
rental or purchase with supplies asks for the device, and a record that the worker never used one
decides."""

from __future__ import annotations

from drafting import draft_item, record

NOTE = "S: Chronic LBP radiating to L leg. {x}\nO: SLR + L.\nA: Lumbar radiculopathy.\nP: RFA as listed."


def _phase(request: str, x: str = "") -> tuple[str | None, str | None]:
    item = draft_item(
        request, [record("r1", "progress_report", "2015-05-01", NOTE.format(x=x))], ur_date="2015-05-20"
    )
    return item.phase, item.phase_reason


def test_consumables_alone_say_the_device_is_in_use() -> None:
    phase, why = _phase("Electrodes and batteries")
    assert phase == "continuation"
    assert why is not None and "supplies for" in why


def test_a_device_asked_with_its_supplies_is_not_in_use_yet() -> None:
    assert _phase("TENS unit 30 day rental + supplies")[0] == "initial"


def test_a_record_that_the_worker_never_used_one_decides() -> None:
    assert _phase("TENS supplies x 3 months", "Has never used a TENS unit.")[0] == "initial"
