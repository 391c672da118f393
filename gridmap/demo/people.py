"""Fictional people for the demo: Chinese names, 11-digit mobile numbers and
18-digit ID numbers (with a valid check digit in an unassigned county code)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of a resident ID number."""
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS)) % 11]


class PeopleMaker:
    """Draws names, unique phone numbers and unique ID numbers from one RNG."""

    def __init__(self, rng: random.Random, names: dict[str, Any]) -> None:
        self.rng = rng
        self.surnames: list[str] = names["surnames"]
        # Zipf-like: the 1st surname is drawn ~n times as often as the n-th.
        self.surname_weights = [1.0 / (i + 1) for i in range(len(self.surnames))]
        self.given = {"m": names["given_male"], "f": names["given_female"]}
        self.prefixes: list[str] = names["phone_prefixes"]
        self.region: str = names["id_region"]
        self._phones: set[str] = set()
        self._ids: set[str] = set()

    def surname(self) -> str:
        return self.rng.choices(self.surnames, self.surname_weights)[0]

    def name(self, sex: str, surname: str | None = None) -> str:
        chars = self.given[sex]
        given = self.rng.choice(chars)
        if self.rng.random() < 0.6:
            given += self.rng.choice(chars)
        return (surname or self.surname()) + given

    def phone(self) -> str:
        while True:
            number = self.rng.choice(self.prefixes) + f"{self.rng.randrange(10**8):08d}"
            if number not in self._phones:
                self._phones.add(number)
                return number

    def id_number(self, birth: dt.date, sex: str) -> str:
        while True:
            serial = self.rng.randrange(500) * 2 + (1 if sex == "m" else 0)  # odd = male
            first17 = f"{self.region}{birth:%Y%m%d}{serial:03d}"
            number = first17 + id_check_digit(first17)
            if number not in self._ids:
                self._ids.add(number)
                return number

    def birth_date(self, today: dt.date, min_age: int, max_age: int) -> dt.date:
        age_days = self.rng.randint(min_age * 365, max_age * 365 + 364)
        return today - dt.timedelta(days=age_days)
