from __future__ import annotations

from pathlib import Path

import pytest

from crmcards.errors import CrmcardsError
from crmcards.services.settings import Settings, load_settings, save_settings


def write(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(text, encoding="utf-8")


def test_no_file_means_the_defaults(home: Path) -> None:
    assert load_settings(home) == Settings()


def test_values_are_read_and_ints_count_as_floats(home: Path) -> None:
    write(home, 'new_per_day = 5\ndesired_retention = 1\nlanguage = "en"\n')
    with pytest.raises(CrmcardsError, match=r"between 0\.70 and 0\.99"):
        load_settings(home)
    write(home, 'new_per_day = 5\ndesired_retention = 0.85\nlanguage = "en"\n')
    assert load_settings(home) == Settings(new_per_day=5, desired_retention=0.85, language="en")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('new_per_day = "veel"\n', "'new_per_day' must be a whole number, not 'veel'"),
        ("student = 3\n", "'student' must be text in quotes, not 3"),
        ("new_per_day = true\n", "'new_per_day' must be a whole number, not True"),
        ("colour = 1\n", "unknown setting 'colour'"),
        ('language = "fr"\n', "'language' must be 'nl' or 'en'"),
        ('exam_date = "morgen"\n', "'exam_date' must be a date written YYYY-MM-DD"),
        ("new_per_day = \n", "Invalid value (at line 1"),
    ],
)
def test_each_bad_value_is_one_clear_message_naming_the_file(
    home: Path, text: str, message: str
) -> None:
    write(home, text)
    with pytest.raises(CrmcardsError) as raised:
        load_settings(home)
    assert raised.value.message.startswith(f"{home / 'config.toml'}: ")
    assert message in raised.value.message


def test_saving_keeps_the_students_comments_and_only_writes_what_differs(home: Path) -> None:
    write(home, "# mijn instellingen\nnew_per_day = 5  # rustig aan\n")
    save_settings(home, Settings(new_per_day=8, theme="textual-light"))
    text = (home / "config.toml").read_text(encoding="utf-8")
    assert "# mijn instellingen" in text and "# rustig aan" in text
    assert "new_per_day = 8" in text and 'theme = "textual-light"' in text
    assert "reviews_per_day" not in text  # still the default
    assert load_settings(home) == Settings(new_per_day=8, theme="textual-light")
