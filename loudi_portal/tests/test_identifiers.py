"""Credit codes (GB 32100) and resident ID numbers (GB 11643): check characters, clear
Chinese messages for what is wrong, and the masking used on public pages."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from loudi_portal.identifiers import (
    CREDIT_CODE_ALPHABET,
    credit_code_check_char,
    credit_code_error,
    id_number_check_char,
    id_number_error,
    make_credit_code,
    make_id_number,
    mask_id_number,
    mask_name,
    validate_credit_code,
)

first17_codes = st.text(alphabet=CREDIT_CODE_ALPHABET, min_size=17, max_size=17)


def test_published_credit_codes_are_accepted():
    assert credit_code_error("91110000600037341L") is None
    assert credit_code_check_char("11431300MB1234567") == make_credit_code("11431300MB1234567")[-1]


def test_a_code_registered_by_other_authorities_starting_with_a_letter_is_accepted():
    assert credit_code_error(make_credit_code("Y1431300MB1234567")) is None
    assert credit_code_error(make_credit_code("N2431302MA4L00001")) is None


@given(first17_codes)
def test_every_completed_code_is_valid_and_every_other_check_character_is_refused(first17):
    code = make_credit_code(first17)
    assert credit_code_error(code) is None
    wrong = next(ch for ch in CREDIT_CODE_ALPHABET if ch != code[17])
    assert "校验位不正确" in credit_code_error(first17 + wrong)


def test_credit_code_messages_say_what_is_wrong():
    assert "应为 18 位，当前为 17 位" in credit_code_error("91110000600037341")
    assert "不允许的字符：I、O" in credit_code_error("9111000060003734IO")
    assert "第 18 位应为 L" in credit_code_error("91110000600037341A")


def test_the_validator_ignores_spaces_and_case_and_refuses_a_wrong_code():
    validate_credit_code(" 91110000600037341l ")
    with pytest.raises(ValidationError) as caught:
        validate_credit_code("91110000600037341A")
    assert caught.value.code == "invalid_credit_code"


def test_id_number_check_digit_follows_gb_11643():
    assert id_number_check_char("43130219800101003") == "X"
    assert id_number_check_char("36042619910101007") == "1"
    assert id_number_error("43130219800101003X") is None


@given(st.integers(min_value=0, max_value=999), st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_every_completed_id_number_is_valid_and_another_check_character_is_refused(serial, born):
    first17 = f"431302{born:%Y%m%d}{serial:03d}"
    number = make_id_number(first17)
    assert id_number_error(number) is None
    wrong = next(ch for ch in "0123456789X" if ch != number[17])
    assert "校验位不正确" in id_number_error(first17 + wrong)


def test_id_number_messages_say_what_is_wrong():
    assert "应为 18 位" in id_number_error("4313021980010100")
    assert "应为 18 位" in id_number_error("43130219800101003Y")
    assert "应为 18 位" in id_number_error("4313021980010100３X")  # a full-width digit
    assert "出生日期不正确" in id_number_error("431302198002300016")  # no 30 February
    assert "校验位不正确" in id_number_error("431302198001010010")


def test_masking_keeps_only_what_a_public_page_may_show():
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳小明") == "欧***"
    assert mask_name("李") == "李*"
    assert mask_name("  ") == ""
    assert mask_id_number("43130219800101123X") == "4" + "*" * 16 + "X"
    assert mask_id_number("12") == "**"
