"""The report as JSON: the versioned format other tools and the class view read.

The schema is documented in docs/report-schema.md. Its keys are the field names of the Report
dataclasses, so writing and reading follow the dataclasses and cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
from datetime import date, datetime
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

from crmcards import __version__
from crmcards.errors import CrmcardsError
from crmcards.messages import Said
from crmcards.scheduling.ratings import RATINGS
from crmcards.services.report.figures import FORECAST_DAYS, Report
from crmcards.services.report.merge import ClassView
from crmcards.services.report.statistics import LONG_FORECAST_DAYS, PERIODS

FORMAT = "crmcards-report"
SCHEMA_VERSION = 4
# version 2 lacks the statistics, which then are empty; up to version 3 the exam readiness's
# target was the desired retention
READABLE_VERSIONS = (2, 3, SCHEMA_VERSION)
CLASS_FORMAT = "crmcards-class"
CLASS_SCHEMA_VERSION = 2  # 2: the statistics (services.report.class_statistics)


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): _encode(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    if isinstance(value, date):  # datetimes too
        return value.isoformat()
    return value


def _document(format: str, version: int, data: Any) -> dict[str, Any]:
    header = {"format": format, "schema_version": version, "crmcards_version": __version__}
    return {**header, **_encode(data)}


def report_document(report: Report) -> dict[str, Any]:
    """The report as the JSON document's plain data (what `report_json` writes)."""
    return _document(FORMAT, SCHEMA_VERSION, report)


def class_document(view: ClassView) -> dict[str, Any]:
    """The class view as the JSON document's plain data (docs/report-schema.md, "Class view
    JSON")."""
    return _document(CLASS_FORMAT, CLASS_SCHEMA_VERSION, view)


def _json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def report_json(report: Report) -> str:
    return _json(report_document(report))


def class_json(view: ClassView) -> str:
    return _json(class_document(view))


class _Invalid(Exception):
    """What in the document is not what a report holds (`where` names the field)."""

    def __init__(self, key: str, where: str, **fields: object) -> None:
        super().__init__(key)
        self.said = Said.of(key, where=where, **fields)


def _scalar(kind: type, value: Any, where: str) -> Any:
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind in (date, datetime) and isinstance(value, str):
        try:
            parsed = kind.fromisoformat(value)
        except ValueError:
            raise _Invalid("report_not_a_date", where, value=repr(value)) from None
        if isinstance(parsed, datetime) and parsed.tzinfo is None:
            raise _Invalid("report_no_zone", where, value=repr(value))
        return parsed
    if type(value) is not kind:
        raise _Invalid("report_expected", where, kind=kind.__name__, value=repr(value))
    return value


@functools.cache
def _field_types(kind: type) -> dict[str, Any]:
    """A dataclass's field types, worked out once (a report holds an object per item)."""
    return get_type_hints(kind)


def _decode(hint: Any, value: Any, where: str) -> Any:
    origin, args = get_origin(hint), get_args(hint)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            raise _Invalid("report_expected_object", where)
        hints = _field_types(hint)
        values = {}
        for field in dataclasses.fields(hint):
            if field.name not in value:
                if field.default is not dataclasses.MISSING:  # an older report: the default
                    continue
                raise _Invalid("report_missing", where, name=field.name)
            values[field.name] = _decode(
                hints[field.name], value[field.name], f"{where}.{field.name}"
            )
        return hint(**values)
    if origin in (Union, types.UnionType):  # only `X | None` occurs
        return None if value is None else _decode(args[0], value, where)
    if origin is tuple:
        if not isinstance(value, list):
            raise _Invalid("report_expected_list", where)
        return tuple(_decode(args[0], item, f"{where}[{n}]") for n, item in enumerate(value))
    if origin is dict:
        if not isinstance(value, dict):
            raise _Invalid("report_expected_object", where)
        try:
            return {
                int(key): _decode(args[1], item, f"{where}.{key}") for key, item in value.items()
            }
        except ValueError:
            raise _Invalid("report_whole_keys", where) from None
    return _scalar(hint, value, where)


def _inconsistency(report: Report) -> Said | None:
    """What in a well-typed report does not fit together (a hand-edited file, say), if anything."""
    decks = {deck.id for deck in report.decks}
    items = {item.id for item in report.items}
    for deck in (*report.decks, report.total):
        where = f"deck '{deck.id}'"
        if set(deck.ratings) != set(RATINGS):
            return Said.of("report_ratings", where=where, ratings=RATINGS)
        if len(deck.forecast) != FORECAST_DAYS:
            return Said.of("report_forecast_days", where=where, n=FORECAST_DAYS)
        if not set(deck.hardest) <= items:
            return Said.of("report_hardest", where=where)
    if any(item.deck not in decks for item in report.items):
        return Said.of("report_item_without_deck")
    if report.exam is not None and {d.id for d in report.exam.decks} != decks:
        return Said.of("report_exam_decks")
    return _statistics_inconsistency(report)


def _statistics_inconsistency(report: Report) -> Said | None:
    decks = ["", *(deck.id for deck in report.decks)]
    if report.statistics and [s.deck for s in report.statistics] != decks:
        return Said.of("report_statistics_decks")
    for statistics in report.statistics:
        where = Said.of("report_statistics_of", deck=statistics.deck)
        if [p.period for p in statistics.periods] != [name for name, _ in PERIODS]:
            periods = ", ".join(name for name, _ in PERIODS)
            return Said.of("report_periods", where=where, periods=periods)
        if any(len(p.hours) != 24 for p in statistics.periods):
            return Said.of("report_hours", where=where)
        if len(statistics.forecast.days) != LONG_FORECAST_DAYS:
            return Said.of("report_forecast_days", where=where, n=LONG_FORECAST_DAYS)
    return None


def parse_report(text: str, origin: str) -> Report:
    """A report read back from JSON; any problem is one CrmcardsError naming `origin`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CrmcardsError(Said.of("report_not_json", origin=origin, error=error)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CrmcardsError(Said.of("report_not_a_report", origin=origin, format=FORMAT))
    version = data.get("schema_version")
    if version not in READABLE_VERSIONS:
        readable = ", ".join(map(str, READABLE_VERSIONS))
        raise CrmcardsError(
            Said.of("report_version", origin=origin, version=repr(version), readable=readable)
        )
    try:
        report: Report = _decode(Report, data, "report")
    except _Invalid as error:
        raise CrmcardsError(Said.of("report_invalid", origin=origin, problem=error.said)) from None
    problem = _inconsistency(report)
    if problem is not None:
        raise CrmcardsError(Said.of("report_invalid", origin=origin, problem=problem))
    return report


def read_report(path: Path) -> Report:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CrmcardsError(Said.of("report_unreadable", path=path, error=error)) from None
    return parse_report(text, str(path))
