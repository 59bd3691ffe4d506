"""Fuzz the pipeline with generated documents: nothing may fail but with the toolkit's own error.

Run from the checkout: ``python benchmarks/fuzz.py [--documents 10000] [--seed 0] [--full-every 50]``.

Each round generates a corpus of three documents (source, summary, commentary; Japanese, or
English one round in seven) from random lines: headings, numbered and bulleted items (1. （1） ① 第一に - ・ ●), citation markers with
balanced, unbalanced and nested brackets, zero-width and bidi controls, emoji, combining marks,
markup (<script>, {{ }}), control characters, and \\n, \\r\\n and \\r line ends. Every document
goes through decoding (as UTF-8, UTF-16, Shift_JIS or damaged bytes), nlp, structure,
alignment, tags and checks, now and then with a links.toml; every ``--full-every``-th corpus is also built, rendered and written
to disk with ``annotator.build.build``. Expected: an edition, or an ``AnnotatorError``. Anything
else is counted, and the first few are printed with the seed that reproduces them.
Prints the counts, the time taken and the peak RSS (``resource.getrusage``); exits 1 when
anything unexpected happened.
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator.errors import AnnotatorError  # noqa: E402

ROLES = ("source", "summary", "commentary")
WORDS = ("計算資源", "モデル", "輸出規制", "半導体", "研究者", "効果", "抜け穴", "AI", "GPU", "2024年",
         "10倍", "ディープシーク", "米国", "中国", "the model", "export controls", "3大発展", "ＡＢＣ", "ｶﾀｶﾅ")
EN_WORDS = ("the model", "export controls", "compute", "chips", "China", "scaling laws", "in 2024", "10x",
            "DeepSeek", "researchers", "is", "are", "not", "because", "however,", "Part II", "(see above)")
JOINERS = ("は", "が", "を", "に", "で", "と", "の", "も", "、", " ", "　")
ENDS = ("。", "です。", "である。", "だ。", ".", "！", "？", "", "：", "::")
NUMBERING = ("1. ", "2．", "3) ", "（1）", "(2)", "①", "②", "第一に、", "一、", "A. ", "10. ")
BULLETS = ("- ", "・", "● ", "※", "* ", "→", "• ", "  - ", "\u3000・")
HEADS = ("■ ", "◆", "# ", "## ", "【", "")
PARTS = ("前編", "後編", "パートII", "第2部", "part 1", "その3", "")
ODD = ("\u200b", "\u200d", "\u2060", "\ufeff", "\u202e", "\u2066", "\u2069", "\u200f", "😀", "👨‍👩‍👧",
       "🇯🇵", "e\u0301", "\u3099", "\ufffd", "\x0b", "\x0c", "\x1b", "\x7f", "\u0085", "\u2028", "\u2029",
       "\U0002000b", "\uf8f0", "\ufe0f", "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>',
       "javascript:alert(1)", "</style>", "{{ 7*7 }}", "{% raw %}", "=SUM(A1)", "@cmd", "&amp;", "]]>")
BREAKS = ("\n", "\n", "\n", "\r\n", "\r", "\n\n")


class Generator:
    """Random documents from one seeded random source."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.lang = "en" if self.rng.random() < 0.15 else "ja"
        self.words = EN_WORDS if self.lang == "en" else WORDS

    def pick(self, items: tuple[str, ...]) -> str:
        return self.rng.choice(items)

    def phrase(self) -> str:
        """A few words, now and then with an odd character or a code point of any kind."""
        joiners = (" ", " ", ", ") if self.lang == "en" else JOINERS
        words = [self.pick(self.words) + self.pick(joiners) for _ in range(self.rng.randint(1, 6))]
        if self.rng.random() < 0.25:
            words.insert(self.rng.randrange(len(words) + 1), self.pick(ODD))
        if self.rng.random() < 0.05:
            words.append(chr(self.rng.choice((self.rng.randint(0x20, 0xD7FF), self.rng.randint(0xE000, 0x10FFFF)))))
        return "".join(words)

    def marker(self) -> str:
        """A citation marker, well formed or not."""
        title = self.phrase()[:20]
        forms = (f"【元記事「{title}」の{self.pick(PARTS)}】", f"【元記事「{title}の{self.pick(PARTS)}】",
                 f"【元記事「{title}」", f"【元記事【「{title}」】】", f"（原文「{title}（注）」{self.pick(PARTS)}）",
                 f"[source “{title}” part 2]", "【】", "「」", f"【{title}】")
        return self.pick(forms)

    def line(self) -> str:
        """One line: heading, numbered item, bullet or plain sentence(s)."""
        body = "".join(self.phrase() + self.pick(ENDS) for _ in range(self.rng.randint(1, 3)))
        if self.rng.random() < 0.3:
            body = body.rstrip("。") + self.marker() + "。"
        kind = self.rng.random()
        if kind < 0.15:
            head = self.pick(HEADS)
            return head + self.phrase()[:30] + ("】" if head == "【" else "")
        if kind < 0.4:
            return self.pick(NUMBERING) + body
        if kind < 0.7:
            return self.pick(BULLETS) + body
        return body

    def document(self) -> str:
        """A document of 0 to 40 lines with mixed line ends."""
        lines = [self.line() for _ in range(self.rng.randint(0, 40))]
        text = "".join(line + self.pick(BREAKS) for line in lines)
        return text if self.rng.random() < 0.9 else text.rstrip("\r\n")

    def encoded(self, text: str) -> bytes:
        """The text as a file would hold it: mostly UTF-8, sometimes another encoding or damaged."""
        roll = self.rng.random()
        if roll < 0.75:
            return text.encode("utf-8")
        if roll < 0.8:
            return text.encode("utf-16")
        if roll < 0.85:
            return text.encode("utf-8-sig")
        if roll < 0.92:
            return text.encode(self.pick(("cp932", "euc_jp")), errors="replace")
        data = bytearray(text.encode("utf-8"))
        for _ in range(self.rng.randint(1, 4)):
            if data:
                data[self.rng.randrange(len(data))] = self.rng.randrange(256)
        return bytes(data)


    def links(self) -> str:
        """A links.toml whose ids may or may not exist."""
        units = ("summary-1-b1", "summary-2-b1", "commentary-1", "commentary-1-b1", "summary-b1")
        targets = ("source-p1-s1", "source-p2", "source-b1-s1", "source-p9-s9")
        entries = [f'[[add]]\nfrom = "{self.pick(units)}"\nto = "{self.pick(targets)}"',
                   f'[[remove]]\nfrom = "{self.pick(units)}"\nto = "{self.pick(targets)}"',
                   f'[[pin]]\nunit = "{self.pick(units)}"\nsection = "section-1"']
        return "\n".join(self.rng.sample(entries, self.rng.randint(1, 3))) + "\n"


def write_corpus(folder: Path, files: dict[str, bytes], lang: str, links: str | None) -> Path:
    """A corpus folder of one file per role, and links.toml when given."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = ['title = "fuzz"', ""]
    for role, data in files.items():
        (folder / f"{role}.txt").write_bytes(data)
        manifest += ["[[documents]]", f'file = "{role}.txt"', f'lang = "{lang}"', f'role = "{role}"', ""]
    (folder / "corpus.toml").write_text("\n".join(manifest), encoding="utf-8")
    (folder / "links.toml").unlink(missing_ok=True)
    if links is not None:
        (folder / "links.toml").write_text(links, encoding="utf-8")
    return folder


def run_stages(folder: Path) -> int:
    """corpus → nlp → structure → corrections → alignment → tags → checks; the unit count."""
    from annotator.pipeline import build_edition

    return len(build_edition(folder).units)


def run_full(folder: Path, out: Path) -> int:
    """The whole build, written to disk; the number of files written."""
    from annotator.build import build

    return sum(1 for _ in build(folder, out).iterdir())


def fuzz(documents: int, seed: int, full_every: int, show: int) -> Counter[str]:
    """Run the rounds; count outcomes by kind."""
    counts: Counter[str] = Counter()
    shown = 0
    with tempfile.TemporaryDirectory(prefix="annotator-fuzz-") as tmp:
        rounds = -(-documents // len(ROLES))
        for i in range(rounds):
            gen = Generator(seed * 1_000_003 + i)
            files = {role: gen.encoded(gen.document()) for role in ROLES}
            links = gen.links() if gen.rng.random() < 0.1 else None
            folder = write_corpus(Path(tmp) / f"c{i % 4}", files, gen.lang, links)
            full = full_every > 0 and i % full_every == 0
            try:
                run_full(folder, Path(tmp) / "site") if full else run_stages(folder)
                counts["built (full)" if full else "built (stages)"] += 1
            except AnnotatorError as error:
                counts[f"AnnotatorError: {type(error).__name__}"] += 1
            except Exception as error:  # the point of the run: report every other exception
                counts[f"UNEXPECTED {type(error).__name__}"] += 1
                if shown < show:
                    shown += 1
                    print(f"--- round {i} (Generator({seed * 1_000_003 + i})): {type(error).__name__}: {error}")
                    traceback.print_exc(limit=-4)
            counts["documents"] += len(ROLES)
    return counts


def main() -> int:
    """Parse the options, fuzz, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--full-every", type=int, default=50, help="build and write every N-th corpus in full")
    parser.add_argument("--show", type=int, default=5, help="print at most this many unexpected errors")
    args = parser.parse_args()
    started = time.perf_counter()
    counts = fuzz(args.documents, args.seed, args.full_every, args.show)
    elapsed = time.perf_counter() - started
    for key, value in sorted(counts.items()):
        print(f"{key}: {value}")
    unexpected = sum(v for k, v in counts.items() if k.startswith("UNEXPECTED"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"unexpected exceptions: {unexpected}")
    print(f"time: {elapsed:.1f} s; peak RSS: {peak:.0f} MB")
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
