"""文号 (GB/T 9704-2012 §7.2.5): the form, and the correction suggested for loose typings."""

from hypothesis import given
from hypothesis import strategies as st

from loudi_portal.doc_number import doc_number_error, suggest

agencies = st.sampled_from(["国办秘函", "娄应急发", "（娄）应急罚", "湘应急"])
years = st.integers(min_value=1949, max_value=2099)
serials = st.integers(min_value=1, max_value=9999)


def test_a_correct_number_passes():
    assert doc_number_error("国办秘函〔2019〕19号") is None


def test_square_brackets_a_leading_zero_and_di_are_refused_with_the_corrected_form():
    message = doc_number_error("娄应急发[2026]第007号")
    assert "GB/T 9704-2012" in message and "是否应为：娄应急发〔2026〕7号" in message


def test_a_two_digit_year_is_refused_without_guessing_the_century():
    message = doc_number_error("娄应急发〔26〕7号")
    assert message and "是否应为" not in message


@given(agencies, years, serials)
def test_every_well_formed_number_passes_and_is_its_own_suggestion(agency, year, serial):
    number = f"{agency}〔{year}〕{serial}号"
    assert doc_number_error(number) is None
    assert suggest(number) == number


@given(
    agencies,
    years,
    serials,
    st.sampled_from(["[]", "【】", "［］", "()", "（）", "〔〕"]),
    st.integers(min_value=0, max_value=2),
    st.booleans(),
)
def test_loose_typings_suggest_the_one_correct_form_which_passes(agency, year, serial, brackets, zeros, di):
    typed = f"{agency}{brackets[0]}{year}{brackets[1]}{'第' if di else ''}{'0' * zeros}{serial}号"
    corrected = suggest(typed)
    assert corrected == f"{agency}〔{year}〕{serial}号"
    assert doc_number_error(corrected) is None
