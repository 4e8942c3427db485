"""What `optimize`, `evaluate` and `plan` say to a student, in Dutch and English, and the one-line
verdicts the app shows (the numbers come from services.personal_model and services.exam_plan)."""
# ruff: noqa: E501 - sentences of a translation table read best unbroken

from __future__ import annotations

from datetime import timedelta

from crmcards.scheduling.fitting import FULL_FIT_MINIMUM, Metrics
from crmcards.scheduling.ratings import TwoMeans
from crmcards.services.exam_morning import ExamMorning
from crmcards.services.exam_plan import ExamPlan
from crmcards.services.personal_model import Evaluation, Optimization
from crmcards.services.report.tables import decimal

WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "reviews": "{reviews} beoordelingen in je logboek; {used} ervan voorspeld (herhalingen op een latere dag).",
        "before_after": "voorspelling van je geheugen — log loss {before:.4f} → {after:.4f}, RMSE(bins) {rmse_before:.4f} → {rmse_after:.4f}",
        "saved": "Opgeslagen: je eigen parameters voorspellen je geheugen beter. Je planning gebruikt ze vanaf nu.",
        "kept": "Niet opgeslagen: de nieuwe parameters voorspellen niet beter dan de huidige, die blijven.",
        "too_little": "Nog te weinig geschiedenis voor eigen parameters: {have} van de {need} herhalingen nodig (herhalingen van een kaart op haar derde studiedag of later). Nog ongeveer {more} te gaan; crmcards probeert het daarna vanzelf opnieuw.",
        "first_day": "Alleen de eerste-dag-stabiliteit kon worden gepast; voor een volledige fit zijn nog {more} herhalingen nodig (van een kaart op haar derde studiedag of later).",
        "two": "'2 nauwelijks' telt als {means} (log loss op je andere beoordelingen: als vergeten {again:.4f}, als met moeite {hard:.4f}).",
        "means_again": "vergeten",
        "means_hard": "met moeite onthouden",
        "nothing": "Nog geen herhalingen op een latere dag: er valt nog niets te voorspellen.",
        "evaluate_head": "{reviews} voorspellingen beoordeeld (in-sample, zoals Anki's Evaluate)",
        "row": "{name:<22} log loss {log_loss:.4f}   RMSE(bins) {rmse:.4f}   AUC {auc}",
        "default": "standaard FSRS-6",
        "current": "huidige parameters",
        "split": "Op tijd gesplitst: gepast op de oudste {train}, getoetst op de nieuwste {test}:",
        "fitted": "gepast op het oudste deel",
        "verdict_better": "Je geheugen wordt nu {percent}% beter voorspeld dan met de standaardinstellingen.",
        "verdict_same": "Je geheugen wordt voorspeld met de standaardinstellingen van FSRS.",
        "verdict_none": "Nog te weinig geschiedenis om je geheugen te beoordelen.",
        "plan_head": "Plan tot het examen op {date} ({days} studiedagen), doel {target}% per kaart op de examenochtend",
        "plan_row": "{date}  {new:>4} nieuw  {reviews:>4} herhalingen  ~{minutes:>3} min",
        "plan_off": "{date}  vrij",
        "weekdays": "ma di wo do vr za zo",
        "plan_predicted": "Voorspeld op de examenochtend als je het plan volgt: gemiddeld {mean}%, laagste kaart {min}%, {at_target}% van de kaarten op het doel.",
        "plan_skip": "Vandaag overslaan kost {cost} procentpunt examenherinnering en geeft {next_day} {tomorrow} kaarten in plaats van {planned}.",
        "plan_too_much": "Dit is te veel: {new_left} nieuwe kaarten in {days} dagen vraagt tot {new} nieuwe kaarten en gemiddeld {minutes} minuten per dag{never}. Begin met minder decks, of leg het examen later als dat kan.",
        "plan_never": "; {n} kaarten kunnen niet meer op tijd worden geleerd",
        "plan_limit": "Je daglimiet van {limit} herhalingen is te laag voor dit plan: op {days} blijven daardoor herhalingen liggen (tot {most} op een dag). Met een daglimiet van {needed} past het plan (instellingen, 'Herhalingen per dag').",
        "plan_limit_short": "Je daglimiet van {limit} herhalingen is te laag voor dit plan; {needed} past wel.",
        "plan_today": "Vandaag volgens plan: {new} nieuw, {reviews} herhalingen (~{minutes} min). Examenochtend voorspeld: {mean}%. Overslaan kost {cost} punt en {next_day} {tomorrow} kaarten i.p.v. {planned}.",
        "plan_today_off": "Vandaag is een vrije dag in je plan. Examenochtend voorspeld: {mean}%.",
        "plan_today_last": "Vandaag volgens plan: {new} nieuw, {reviews} herhalingen (~{minutes} min). Examenochtend voorspeld: {mean}%. Dit is je laatste studiedag: overslaan kost {cost} punt.",
        "plan_skip_last": "Vandaag overslaan kost {cost} procentpunt examenherinnering; daarna is er geen studiedag meer voor het examen.",
        "tomorrow": "morgen",
        "days": "{n} dag|{n} dagen",
        "exam_today": "Vandaag is je examen. Nu voorspeld: {mean}% gemiddeld, {below} kaarten onder {floor}%.",
        "exam_today_look": "Een laatste blik op de {n} zwakste: druk op l (oefenen, je planning verandert niet).",
        "exam_today_ready": "Alle kaarten die je leerde staan boven {floor}%. Succes!",
        "on_weekday": "maandag,dinsdag,woensdag,donderdag,vrijdag,zaterdag,zondag",
    },
    "en": {
        "reviews": "{reviews} ratings in your log; {used} of them predicted (reviews on a later day).",
        "before_after": "prediction of your memory — log loss {before:.4f} → {after:.4f}, RMSE(bins) {rmse_before:.4f} → {rmse_after:.4f}",
        "saved": "Saved: your own parameters predict your memory better. Your schedule uses them from now on.",
        "kept": "Not saved: the new parameters do not predict better than the current ones, which stay.",
        "too_little": "Too little history for your own parameters yet: {have} of the {need} reviews needed (reviews of a card on its third study day or later). About {more} to go; crmcards then tries again by itself.",
        "first_day": "Only the first day's stabilities could be fitted; a full fit needs {more} more reviews (of a card on its third study day or later).",
        "two": "'2 barely' counts as {means} (log loss on your other ratings: as forgotten {again:.4f}, as with effort {hard:.4f}).",
        "means_again": "forgotten",
        "means_hard": "remembered with effort",
        "nothing": "No reviews on a later day yet: there is nothing to predict.",
        "evaluate_head": "{reviews} predictions judged (in-sample, as Anki's Evaluate)",
        "row": "{name:<22} log loss {log_loss:.4f}   RMSE(bins) {rmse:.4f}   AUC {auc}",
        "default": "default FSRS-6",
        "current": "current parameters",
        "split": "Split in time: fitted on the oldest {train}, tested on the newest {test}:",
        "fitted": "fitted on the older part",
        "verdict_better": "Your memory is now predicted {percent}% better than with the default settings.",
        "verdict_same": "Your memory is predicted with FSRS's default settings.",
        "verdict_none": "Too little history yet to judge how well your memory is predicted.",
        "plan_head": "Plan until the exam on {date} ({days} study days), target {target}% per card on exam morning",
        "plan_row": "{date}  {new:>4} new  {reviews:>4} reviews  ~{minutes:>3} min",
        "plan_off": "{date}  day off",
        "weekdays": "Mon Tue Wed Thu Fri Sat Sun",
        "plan_predicted": "Predicted on exam morning if you follow the plan: mean {mean}%, weakest card {min}%, {at_target}% of the cards at the target.",
        "plan_skip": "Skipping today costs {cost} percentage points of exam-day recall and makes {tomorrow} cards {next_day} instead of {planned}.",
        "plan_too_much": "This is too much: {new_left} new cards in {days} days takes up to {new} new cards and {minutes} minutes a day on average{never}. Start with fewer decks, or take the exam later if you can.",
        "plan_never": "; {n} cards can no longer be learnt in time",
        "plan_limit": "Your daily limit of {limit} reviews is too low for this plan: on {days} reviews are left for later because of it (up to {most} on one day). With a daily limit of {needed} the plan fits (settings, 'Reviews per day').",
        "plan_limit_short": "Your daily limit of {limit} reviews is too low for this plan; {needed} would fit.",
        "plan_today": "Today by the plan: {new} new, {reviews} reviews (~{minutes} min). Exam morning predicted: {mean}%. Skipping costs {cost} points and {tomorrow} cards {next_day} instead of {planned}.",
        "plan_today_off": "Today is a day off in your plan. Exam morning predicted: {mean}%.",
        "plan_today_last": "Today by the plan: {new} new, {reviews} reviews (~{minutes} min). Exam morning predicted: {mean}%. This is your last study day: skipping costs {cost} points.",
        "plan_skip_last": "Skipping today costs {cost} percentage points of exam-day recall; after today no study day is left before the exam.",
        "tomorrow": "tomorrow",
        "days": "{n} day|{n} days",
        "exam_today": "Today is your exam. Predicted now: {mean}% on average, {below} cards below {floor}%.",
        "exam_today_look": "A last look at the {n} weakest: press l (cram, your schedule does not change).",
        "exam_today_ready": "Every card you learnt is above {floor}%. Good luck!",
        "on_weekday": "on Monday,on Tuesday,on Wednesday,on Thursday,on Friday,on Saturday,on Sunday",
    },
}


def percent(share: float) -> str:
    return f"{100 * share:.0f}"


def verdict(evaluation: Evaluation, language: str) -> str:
    """One line a student understands: how much better their memory is predicted now."""
    words = WORDS[language]
    improvement = evaluation.improvement
    if improvement is None:
        return words["verdict_none"]
    if improvement <= 0.0005:
        return words["verdict_same"]
    shown = f"{100 * improvement:.0f}" if improvement >= 0.01 else f"{100 * improvement:.1f}"
    return words["verdict_better"].format(percent=shown)


def optimization_lines(result: Optimization, language: str) -> list[str]:
    words = WORDS[language]
    lines = [words["reviews"].format(reviews=result.reviews, used=result.used)]
    if result.before is None or result.after is None:
        return [*lines, words["nothing"]]
    lines.append(
        words["before_after"].format(
            before=result.before.log_loss,
            after=result.after.log_loss,
            rmse_before=result.before.rmse_bins,
            rmse_after=result.after.rmse_bins,
        )
    )
    if result.two is not None:
        lines.append(two_line(result.two.means, result.two.log_loss, language))
    if result.fit == "none":
        have = FULL_FIT_MINIMUM - result.needed
        lines.append(
            words["too_little"].format(have=have, need=FULL_FIT_MINIMUM, more=result.needed)
        )
    else:
        if result.fit == "first_day":
            lines.append(words["first_day"].format(more=result.needed))
        lines.append(words["saved" if result.saved else "kept"])
    return lines


def two_line(means: str, losses: dict[TwoMeans, float], language: str) -> str:
    words = WORDS[language]
    return words["two"].format(
        means=words[f"means_{means}"], again=losses["again"], hard=losses["hard"]
    )


def evaluation_lines(evaluation: Evaluation, language: str) -> list[str]:
    words = WORDS[language]
    if evaluation.default is None or evaluation.current is None:
        return [words["nothing"]]

    def row(name: str, metrics: Metrics) -> str:
        auc = "–" if metrics.auc is None else f"{metrics.auc:.4f}"
        return words["row"].format(
            name=words[name], log_loss=metrics.log_loss, rmse=metrics.rmse_bins, auc=auc
        )

    lines = [
        words["evaluate_head"].format(reviews=evaluation.reviews),
        row("default", evaluation.default),
        row("current", evaluation.current),
    ]
    if evaluation.split_default is not None and evaluation.split_fitted is not None:
        lines += [
            words["split"].format(train=evaluation.split_train, test=evaluation.split_test),
            row("default", evaluation.split_default),
            row("fitted", evaluation.split_fitted),
        ]
    if evaluation.two is not None:
        lines.append(two_line(evaluation.two_means, evaluation.two.log_loss, language))
    lines.append(verdict(evaluation, language))
    return lines


def plan_lines(plan: ExamPlan, language: str) -> list[str]:
    words = WORDS[language]
    data = plan.as_dict()
    days = plan.forecast.days
    study_days = sum(1 for d in days if not d.off)
    lines = [
        words["plan_head"].format(
            date=f"{plan.exam_date:%d-%m-%Y}", days=study_days, target=percent(plan.target)
        )
    ]
    weekdays = words["weekdays"].split()
    for day in days:
        when = f"{weekdays[day.date.weekday()]} {day.date:%d-%m}"
        lines.append(
            words["plan_off"].format(date=when)
            if day.off
            else words["plan_row"].format(
                date=when, new=day.new, reviews=day.reviews, minutes=day.minutes
            )
        )
    predicted = data["predicted"]
    lines.append(
        words["plan_predicted"].format(
            mean=percent(predicted["mean"]),
            min=percent(predicted["min"]),
            at_target=percent(predicted["at_target"]),
        )
    )
    tomorrow, planned = plan.tomorrow
    lines.append(
        words["plan_skip" if plan.next_study_day else "plan_skip_last"].format(
            cost=decimal(100 * plan.skip_cost, language),
            next_day=next_day_words(plan, language),
            tomorrow=tomorrow,
            planned=planned,
        )
    )
    if plan.limit_needed is not None:
        lines.append(limit_line(plan, language, "plan_limit"))
    if plan.too_much:
        never = plan.forecast.never_introduced
        lines.append(
            words["plan_too_much"].format(
                new_left=plan.new_left,
                days=study_days,
                new=data["per_day"]["new"],
                minutes=data["per_day"]["minutes"],
                never=words["plan_never"].format(n=never) if never else "",
            )
        )
    return lines


def count_of_days(n: int, language: str) -> str:
    one, many = WORDS[language]["days"].split("|")
    return (one if n == 1 else many).format(n=n)


def limit_line(plan: ExamPlan, language: str, key: str = "plan_limit_short") -> str:
    """That the daily review limit is too low for the plan, and which limit would do."""
    return WORDS[language][key].format(
        limit=plan.review_limit,
        days=count_of_days(plan.days_waiting, language),
        most=plan.most_waiting,
        needed=plan.limit_needed,
    )


def next_day_words(plan: ExamPlan, language: str) -> str:
    """'morgen', or the weekday of the next study day when days off come first (the words
    for 'no study day left' are the callers')."""
    words = WORDS[language]
    day, today = plan.next_study_day, plan.today
    if day is None or today is None or day == today.date + timedelta(days=1):
        return words["tomorrow"]
    return words["on_weekday"].split(",")[day.weekday()]


def exam_morning_line(morning: ExamMorning, language: str) -> str:
    """The home screen's line on the exam's own day: the recall predicted now, and the last
    look at the weakest cards (key l) when there are any."""
    words = WORDS[language]
    floor = percent(morning.floor)
    line = words["exam_today"].format(mean=percent(morning.mean), below=morning.below, floor=floor)
    if morning.weakest:
        return f"{line} {words['exam_today_look'].format(n=len(morning.weakest))}"
    return f"{line} {words['exam_today_ready'].format(floor=floor)}"


def today_line(plan: ExamPlan, language: str) -> str:
    """The home screen's and summary's line: today's share, exam-morning forecast, skip cost."""
    today = plan.today
    words = WORDS[language]
    if today is not None and today.off:
        return words["plan_today_off"].format(mean=percent(plan.forecast.mean))
    new, reviews, minutes = (
        (0, 0, 0) if today is None else (today.new, today.reviews, today.minutes)
    )
    line = words["plan_today" if plan.next_study_day else "plan_today_last"].format(
        new=new,
        reviews=reviews,
        minutes=minutes,
        mean=percent(plan.forecast.mean),
        cost=decimal(100 * plan.skip_cost, language),
        next_day=next_day_words(plan, language),
        tomorrow=plan.tomorrow[0],
        planned=plan.tomorrow[1],
    )
    return line if plan.limit_needed is None else f"{line} {limit_line(plan, language)}"
