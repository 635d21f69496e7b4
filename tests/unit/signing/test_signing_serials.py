"""``Serial``: every written form parses to the same value; one canonical text and one key."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from signing.serials import MAX_BITS, InvalidSerial, Serial

VALUE = 0x0A1B2C3D

WRITTEN = [
    "a1b2c3d",
    "0a1b2c3d",
    "0A1B2C3D",
    "0x0a1b2c3d",
    "0X0A1B2C3D",
    "0a:1b:2c:3d",
    "0A:1B:2C:3D",
    "0a 1b 2c 3d",
    "  0a 1b\t2c 3d \n",
    "0a-1b-2c-3d",
    "0a1b-2c3d",
    "0a1b 2c3d",
    "0a.1b.2c.3d",
    "0x0a:1b:2c:3d",
    "000000000a1b2c3d",
    "０Ａ１Ｂ２Ｃ３Ｄ",  # full-width
    "０ａ：１ｂ：２ｃ：３ｄ",  # full-width with full-width colons
    "０ｘ０Ａ　１Ｂ　２Ｃ　３Ｄ",  # full-width 0x and ideographic spaces
]


@pytest.mark.parametrize("text", WRITTEN)
def test_every_written_form_parses_to_the_same_serial(text: str) -> None:
    serial = Serial.parse(text)
    assert serial == Serial.from_int(VALUE)
    assert serial.value == int(serial) == VALUE
    assert str(serial) == serial.hex == "a1b2c3d"
    assert serial.key == "0" * 33 + "a1b2c3d" and len(serial.key) == 40
    assert Serial.from_key(serial.key) == serial


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "no hexadecimal digits"),
        ("   ", "no hexadecimal digits"),
        ("0x", "no hexadecimal digits"),
        (":::", "no hexadecimal digits"),
        ("0", "zero"),
        ("00:00", "zero"),
        ("xyz", "only hexadecimal digits"),
        ("0a1g", "only hexadecimal digits"),
        ("12,34", "only hexadecimal digits"),
        ("0x0x12", "only hexadecimal digits"),
        ("1" * 41, "longer than 40"),
        ("8" + "0" * 39, "longer than 40"),
    ],
)
def test_anything_else_is_refused_with_a_clear_message(text: str, why: str) -> None:
    with pytest.raises(InvalidSerial, match=why) as caught:
        Serial.parse(text)
    assert isinstance(caught.value, ValueError)


def test_a_hyphen_is_a_separator_not_a_sign() -> None:
    assert Serial.parse("-1") == Serial(1)


def test_limits_of_the_value() -> None:
    assert Serial.parse("7" + "f" * 39).value == 2**MAX_BITS - 1
    for bad in (0, -1, 2**MAX_BITS):
        with pytest.raises(InvalidSerial):
            Serial(bad)
    with pytest.raises(InvalidSerial):
        Serial(True)  # type: ignore[arg-type]
    with pytest.raises(InvalidSerial):
        Serial.parse(12)  # type: ignore[arg-type]


def test_value_object_is_immutable_hashable_and_ordered() -> None:
    a, b = Serial.parse("0a"), Serial.parse("0b")
    assert a < b and {a, Serial(10)} == {a}
    with pytest.raises(AttributeError):
        a.value = 3  # type: ignore[misc]


serials = st.integers(min_value=1, max_value=2**MAX_BITS - 1)


def _colon_groups(value: int, upper: bool) -> str:
    digits = format(value, "x")
    digits = digits.zfill(len(digits) + len(digits) % 2)
    text = ":".join(digits[i:i + 2] for i in range(0, len(digits), 2))
    return text.upper() if upper else text


FORMATS = [
    lambda v, up: str(Serial(v)).upper() if up else str(Serial(v)),
    lambda v, up: Serial(v).key,
    lambda v, up: ("0X" if up else "0x") + format(v, "x"),
    _colon_groups,
    lambda v, up: _colon_groups(v, up).replace(":", " "),
    lambda v, up: _colon_groups(v, up).translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)}),  # full-width
]


@given(serials, st.sampled_from(range(len(FORMATS))), st.booleans())
def test_parse_of_format_is_identity(value: int, which: int, upper: bool) -> None:
    serial = Serial.from_int(value)
    assert Serial.parse(FORMATS[which](value, upper)) == serial
    assert Serial.parse(str(serial)) == serial and Serial.from_key(serial.key) == serial
    assert str(serial) == format(value, "x") and not str(serial).startswith("0")
