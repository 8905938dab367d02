"""Made-up people: the citizens whose personal columns real exports carry (so the pipeline has
something to drop) and the civil servants who sign reports and earn initiatives. Names and
addresses come from faker's vi_VN provider; phone and ID numbers are visibly fake (all-zero
prefixes) and e-mail addresses use the reserved example.com domain."""

from __future__ import annotations

import unicodedata

import numpy as np
from faker import Faker

POOL = 4096


class People:
    def __init__(self, seed: int) -> None:
        fake = Faker("vi_VN")
        fake.seed_instance(seed)
        self.names = np.array([self._name(fake) for _ in range(POOL)], dtype=object)
        self._ascii = np.array([_ascii(n) for n in self.names]).astype(str)
        self.addresses = np.array([f"{fake.street_address()}, {fake.province_name()}"
                                   for _ in range(POOL)], dtype=object)

    @staticmethod
    def _name(fake: Faker) -> str:
        first = fake.first_name_male() if fake.random.random() < 0.5 else fake.first_name_female()
        return f"{fake.last_name()} {fake.middle_name()} {first}"

    def name(self, key: int) -> str:
        return str(self.names[key % POOL])

    def columns(self, pii: np.ndarray) -> dict[str, np.ndarray]:
        """Personal columns for citizens identified by `pii` (a random key per dossier)."""
        names = self.names[pii % POOL]
        digits = (pii % 1_000_000).astype(str)
        birth_day = np.datetime64("1950-01-01") + (pii >> 10) % 20000
        return {
            "pii_name": names,
            "pii_address": self.addresses[(pii >> 12) % POOL],
            "pii_phone": np.char.add("0000", np.char.zfill(digits, 6)).astype(object),
            "pii_id": np.char.add("000", np.char.zfill((pii % 1_000_000_000).astype(str), 9))
            .astype(object),
            "pii_email": np.char.add(np.char.add(self._ascii[pii % POOL], digits),
                                     "@example.com").astype(object),
            "pii_birth": np.array([d.strftime("%d/%m/%Y") for d in birth_day.astype(object)],
                                  dtype=object),
        }


def _ascii(name: str) -> str:
    plain = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in plain if c.isascii() and c.isalpha()).lower()[:12]
