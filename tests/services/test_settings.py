from __future__ import annotations

from pathlib import Path

import pytest

from crmcards.errors import CrmcardsError
from crmcards.services.settings import Settings, load_settings, save_settings


def write(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(text, encoding="utf-8")


def test_no_file_means_the_defaults(home: Path) -> None:
    assert load_settings(home) == (Settings(), [])


def test_values_are_read_and_ints_count_as_floats(home: Path) -> None:
    write(home, 'new_per_day = 5\ndesired_retention = 1\nlanguage = "en"\n')
    with pytest.raises(CrmcardsError, match=r"between 0\.70 and 0\.99"):
        load_settings(home)
    write(home, 'new_per_day = 5\ndesired_retention = 0.85\nlanguage = "en"\n')
    assert load_settings(home) == (
        Settings(new_per_day=5, desired_retention=0.85, language="en"),
        [],
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('new_per_day = "veel"\n', "'new_per_day' must be a whole number, not 'veel'"),
        ("student = 3\n", "'student' must be text in quotes, not 3"),
        ("new_per_day = true\n", "'new_per_day' must be a whole number, not True"),
        ("colour = 1\n", "unknown setting 'colour'"),
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


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('theme = "nope"\n', "'theme' must be one of the themes in the settings screen"),
        ("theme = 3\n", "'theme' must be text in quotes, not 3"),
        ('language = "fr"\n', "'language' must be one of nl, en, not 'fr'"),
    ],
)
def test_a_wrong_cosmetic_setting_is_a_warning_and_the_default_is_used(
    home: Path, text: str, message: str
) -> None:
    write(home, text + "new_per_day = 7\n")
    settings, (warning,) = load_settings(home)
    assert settings == Settings(new_per_day=7)
    assert str(warning).startswith(f"{home / 'config.toml'}: ") and message in str(warning)
    assert str(warning).endswith(
        f"; using '{getattr(Settings(), text.split()[0])}' until it is fixed"
    )


def test_a_wrong_setting_that_changes_the_studying_is_still_refused(home: Path) -> None:
    write(home, 'theme = "nope"\nnew_per_day = 99999\n')
    with pytest.raises(CrmcardsError, match="'new_per_day' must be a number from 0 to 10000"):
        load_settings(home)


def test_saving_keeps_the_students_comments_and_only_writes_what_differs(home: Path) -> None:
    write(home, "# mijn instellingen\nnew_per_day = 5  # rustig aan\n")
    save_settings(home, Settings(new_per_day=8, theme="textual-light"))
    text = (home / "config.toml").read_text(encoding="utf-8")
    assert "# mijn instellingen" in text and "# rustig aan" in text
    assert "new_per_day = 8" in text and 'theme = "textual-light"' in text
    assert "reviews_per_day" not in text  # still the default
    assert load_settings(home) == (Settings(new_per_day=8, theme="textual-light"), [])
