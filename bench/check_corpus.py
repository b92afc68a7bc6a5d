"""Precision and recall of the editorial checks on the hand-written snippet corpus.

Run: python -m bench.check_corpus
A snippet counts as flagged when any check warns on it; "bad" is the corpus's own label.
The test in tests/articles/test_check_corpus.py holds the figures at what this prints.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from directory import editorial_checks

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "articles" / "check_corpus.toml"


@dataclass(frozen=True)
class Score:
    snippets: int
    true_positives: int
    false_positives: int
    false_negatives: int
    misses: list[str]
    false_alarms: list[str]

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        bad = self.true_positives + self.false_negatives
        return self.true_positives / bad if bad else 1.0


def read_corpus(path: Path = CORPUS) -> list[tuple[str, bool]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [(row["text"], row["bad"]) for row in data["snippet"]]


def score(corpus: list[tuple[str, bool]]) -> Score:
    flagged = [(text, bad, bool(editorial_checks.check_text(text))) for text, bad in corpus]
    return Score(
        snippets=len(corpus),
        true_positives=sum(bad and hit for _, bad, hit in flagged),
        false_positives=sum(hit and not bad for _, bad, hit in flagged),
        false_negatives=sum(bad and not hit for _, bad, hit in flagged),
        misses=[text for text, bad, hit in flagged if bad and not hit],
        false_alarms=[text for text, bad, hit in flagged if hit and not bad],
    )


def main() -> None:
    result = score(read_corpus())
    print(f"{result.snippets} snippets: precision {result.precision:.2f}, "
          f"recall {result.recall:.2f} (TP {result.true_positives}, "
          f"FP {result.false_positives}, FN {result.false_negatives})")
    for text in result.misses:
        print(f"  missed: {text}")
    for text in result.false_alarms:
        print(f"  false alarm: {text}")


if __name__ == "__main__":
    main()
