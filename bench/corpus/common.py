"""Shared pieces of document drawing: specs, dates, people, fonts."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from bench.corpus import pools
from bench.corpus.fonts import SANS, SERIF, Face, faces
from bench.corpus.layout import Page

A4 = (210.0, 297.0)
CARD = (85.6, 54.0)


@dataclass
class Spec:
    """A drawn document and what a perfect tagger would say about it."""

    type: str
    pages: list[Page]
    fields: dict[str, str]
    tags: list[str] = field(default_factory=list)
    medium: str = "paper"
    variant: str = ""


@dataclass(frozen=True)
class Person:
    surname: str
    given: str
    sex: str
    birth: dt.date
    birth_place: str
    nationality: tuple[str, str]


def person(rng: random.Random) -> Person:
    given = rng.choice(pools.GIVEN)
    sex = "F" if given in ("Fatima", "Zahra", "Mariam", "Selam", "Olena", "Aissatou", "Nadia", "Amina", "Hiwot", "Iryna", "Leila", "Sara") else "M"
    birth = dt.date(rng.randint(1960, 2004), rng.randint(1, 12), rng.randint(1, 28))
    return Person(rng.choice(pools.SURNAMES), given, sex, birth, rng.choice(pools.BIRTH_PLACES), rng.choice(pools.NATIONALITIES))


def some_date(rng: random.Random, start: int, end: int) -> dt.date:
    return dt.date(rng.randint(start, end), rng.randint(1, 12), rng.randint(1, 28))


def numeric(date: dt.date, rng: random.Random) -> str:
    sep = rng.choice(["/", "/", ".", " ", "-"])
    return f"{date.day:02d}{sep}{date.month:02d}{sep}{date.year}"


def spelled(date: dt.date, english: bool = False) -> str:
    if english:
        return f"{date.day} {pools.MONTHS_EN[date.month - 1]} {date.year}"
    day = "1er" if date.day == 1 else str(date.day)
    return f"{day} {pools.MONTHS_FR[date.month - 1]} {date.year}"


def any_date(date: dt.date, rng: random.Random) -> str:
    return spelled(date) if rng.random() < 0.3 else numeric(date, rng)


def sans(rng: random.Random) -> Face:
    return rng.choice(faces(SANS))


def body_face(rng: random.Random) -> Face:
    return rng.choice(faces(SANS + SERIF))


def address(rng: random.Random) -> tuple[str, str]:
    postcode, city = rng.choice(pools.CITIES)
    return f"{rng.randint(1, 140)} {rng.choice(pools.STREETS)}", f"{postcode} {city}"


def paper(rng: random.Random) -> Page:
    tint = rng.choice([(255, 255, 255), (252, 250, 244), (248, 248, 248)])
    return Page(*A4, paper=tint)
