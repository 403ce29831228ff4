"""CVs in French or English, one or two columns, with languages and skills."""

from __future__ import annotations

import random
from typing import Any

from bench.corpus import pools
from bench.corpus.common import Spec, address, body_face, paper, person, sans
from bench.corpus.fonts import Face
from bench.corpus.layout import Page

HEADINGS: dict[str, dict[str, Any]] = {
    "fr": {"title": ["CURRICULUM VITAE", "CV", ""], "experience": "EXPÉRIENCE PROFESSIONNELLE", "education": "FORMATION",
           "skills": "COMPÉTENCES", "languages": "LANGUES", "interests": "CENTRES D'INTÉRÊT", "contact": "CONTACT"},
    "en": {"title": ["CURRICULUM VITAE", "RESUME", ""], "experience": "WORK EXPERIENCE", "education": "EDUCATION",
           "skills": "SKILLS", "languages": "LANGUAGES", "interests": "INTERESTS", "contact": "CONTACT"},
}
INTERESTS = {"fr": ["Football, lecture, voyages", "Course à pied, échecs", "Bénévolat, musique"],
             "en": ["Football, reading", "Running, chess", "Volunteering, music"]}
DEGREES = {"fr": ["Baccalauréat, lycée de {city} (2012)", "Cours de français langue étrangère, Alliance (2023)",
                  "Diplôme de technicien, institut de {city} (2015)"],
           "en": ["High school diploma, {city} (2012)", "French course, Alliance (2023)", "Technical diploma, {city} institute (2015)"]}


def _picks(rng: random.Random) -> tuple[list[str], list[str]]:
    native = rng.choice(["arabic", "dari", "pashto", "persian", "tigrinya", "amharic", "russian", "ukrainian", "urdu", "somali", "turkish"])
    others = rng.sample(["french", "english", "spanish", "arabic", "russian"], k=rng.randint(1, 3))
    languages = [native] + [lang for lang in others if lang != native]
    skills = rng.sample(sorted(pools.CV_SKILLS), k=rng.randint(2, 5))
    return languages, skills


def _section(page: Page, x: float, y: float, heading: str, lines: list[str], face: Face, head: Face, width: float) -> float:
    y = page.text(x, y + 4, heading, 11, head, bold=True)
    page.box(x, y, width * 0.6, 0.35, fill=(90, 90, 120))
    y += 1.5
    for line in lines:
        y = page.paragraph(x, y + 0.8, line, 9.5, face, width)
    return y


def cv(rng: random.Random) -> Spec:
    lang = rng.choice(["fr", "fr", "en"])
    words, who, face, head = HEADINGS[lang], person(rng), body_face(rng), sans(rng)
    languages, skills = _picks(rng)
    page = paper(rng)
    street, city = address(rng)
    level = [lv[0 if lang == "fr" else 1] for lv in pools.LEVELS]
    language_lines = [f"{pools.CV_LANGUAGES[code][0 if lang == 'fr' else 1]} : {level[0] if i == 0 else rng.choice(level[1:])}"
                      for i, code in enumerate(languages)]
    skill_lines = [str(pools.CV_SKILLS[code][0 if lang == "fr" else 1]) for code in skills]
    jobs = [code for code in skills if pools.CV_SKILLS[code][2]][:3]
    experience = [f"{2017 + 2 * i}-{2018 + 2 * i} : {pools.CV_SKILLS[code][2]}, {rng.choice(pools.NEUTRAL_EMPLOYERS)}" for i, code in enumerate(jobs)]
    experience = experience or [f"2019-2022 : {'Agent polyvalent' if lang == 'fr' else 'General worker'}, {rng.choice(pools.NEUTRAL_EMPLOYERS)}"]
    education = [rng.choice(DEGREES[lang]).format(city=who.birth_place)]
    title = rng.choice(words["title"])
    y = 14.0
    if title:
        y = page.text(18, y, title, 16, head, bold=True)
    y = page.text(18, y + 1, f"{who.given} {who.surname}", 14, head, bold=True)
    y = page.text(18, y, f"{street}, {city} · 06 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}", 9, face) + 2
    if rng.random() < 0.5:
        for key, lines in (("experience", experience), ("education", education), ("skills", skill_lines),
                           ("languages", language_lines), ("interests", [rng.choice(INTERESTS[lang])])):
            y = _section(page, 18, y, words[key], lines, face, head, 170)
        variant = "cv-single"
    else:
        page.box(0, y + 2, 68, 297 - y - 2, fill=rng.choice([(235, 240, 248), (240, 240, 240), (245, 238, 230)]))
        side = y
        for key, lines in (("skills", skill_lines), ("languages", language_lines), ("interests", [rng.choice(INTERESTS[lang])])):
            side = _section(page, 8, side, words[key], lines, face, head, 56)
        for key, lines in (("experience", experience), ("education", education)):
            y = _section(page, 76, y, words[key], lines, face, head, 120)
        variant = "cv-sidebar"
    tags = [f"language:{code}" for code in languages] + [f"skill:{code}" for code in skills]
    return Spec("cv", [page], {}, tags=tags, variant=f"{variant}-{lang}")
