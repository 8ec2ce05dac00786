"""The tax code: format, check digit, branch suffix (algorithm cited in thidua/enterprises/taxcode.py)."""

import pytest
from django.core.exceptions import ValidationError

from thidua.enterprises import taxcode


@pytest.mark.parametrize("code", ["0100233488", "0314409058", "0312687878-001", "0100233488-012"])
def test_published_codes_are_valid(code):
    assert taxcode.validate(code) == code


def test_spaces_dots_and_a_missing_hyphen_are_normalised():
    assert taxcode.validate("01.00.233.488") == "0100233488"
    assert taxcode.validate("0312687878001") == "0312687878-001"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("0100233480", "Mã số thuế “0100233480” sai chữ số kiểm tra: hãy soát lại từng chữ số."),
        ("12345", "Mã số thuế “12345” không đúng dạng: cần 10 chữ số, hoặc 10 chữ số, dấu “-” và 3 chữ số với chi "
                  "nhánh."),
        ("01002334AB", "Mã số thuế “01002334AB” không đúng dạng: cần 10 chữ số, hoặc 10 chữ số, dấu “-” và 3 chữ số "
                       "với chi nhánh."),
        ("0100233488-000", "Mã số thuế chi nhánh “0100233488-000” không hợp lệ (ba số cuối là 000)."),
        ("8300000000", "Mã số thuế “8300000000” không hợp lệ (số thứ tự toàn số 0)."),
    ],
)  # fmt: skip
def test_wrong_codes_are_refused_saying_why(code, message):
    with pytest.raises(ValidationError) as caught:
        taxcode.validate(code)
    assert caught.value.messages == [message]


def test_every_single_digit_typo_of_a_valid_code_is_caught_or_gives_another_valid_code_rarely():
    code = "0100233488"
    caught = 0
    for position in range(10):
        for digit in "0123456789":
            if digit != code[position]:
                caught += not taxcode.is_valid(code[:position] + digit + code[position + 1 :])
    assert (
        caught == 90
    )  # the weights are distinct primes modulo 11: every single-digit error changes the check


def test_make_gives_valid_codes_or_none_when_no_check_digit_fits():
    made = [taxcode.make("83", n) for n in range(1, 200)]
    assert all(taxcode.is_valid(c) for c in made if c)
    assert 0 < made.count(None) < 40
