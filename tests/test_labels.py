"""Bullet labels of the seed: every one of the 27 commentary and summary bullets pinned.

Expectations assume unidic-lite 1.0.8 (token boundaries and POS decide fused labels).
"""
from __future__ import annotations

import pytest

from annotator.text.labels import split_explicit

SEED_LABELS = [
    ("commentary", "著者は、ディープシークの革新性", None),
    ("commentary", "著者は「中国がXXの優位性", None),
    ("commentary", "輸出規制の役割の誇張: ", "輸出規制の役割の誇張"),
    ("commentary", "実際、中国はチップの研究開発", None),
    ("commentary", "技術的デカップリング」の提唱著者は", "技術的デカップリング」の提唱"),
    ("commentary", "そのようなやり方は", None),
    ("commentary", "AI開発の多極化傾向AI技術開発は", "AI開発の多極化傾向"),
    ("commentary", "AIの倫理と安全保障AIの開発が", "AIの倫理と安全保障"),
    ("commentary", "AIが人間社会に与える影響::", "AIが人間社会に与える影響"),
    ("commentary", "ゼロサムゲームの考え方を捨てる中国と", "ゼロサムゲームの考え方を捨てる"),
    ("commentary", "コミュニケーションと対話の強化双方は", "コミュニケーションと対話の強化"),
    ("commentary", "AIガバナンス・ルールの共同開発中国と", "AIガバナンス・ルールの共同開発"),
    ("summary", "米国の最先端AIモデルに迫るパフォーマンスDeepSeek", "米国の最先端AIモデルに迫るパフォーマンス"),
    ("summary", "大幅なコスト削減ディープシーク", "大幅なコスト削減"),
    ("summary", "破壊的な」ブレークスルーではない。", "破壊的な」ブレークスルーではない"),
    ("summary", "膨張の法則AIシステム", "膨張の法則"),
    ("summary", "曲線移動例えば", "曲線移動"),
    ("summary", "パラダイムシフト強化学習", "パラダイムシフト"),
    ("summary", "チップ数ディープシーク", "チップ数"),
    ("summary", "設備投資ディープシークも", "設備投資"),
    ("summary", "コントロール:: ", "コントロール"),
    ("summary", "コントロール効果:: ", "コントロール効果"),
    ("summary", "将来展望:: ", "将来展望"),
    ("summary", "米中AI競争:: ", "米中AI競争"),
    ("summary", "アメリカン・アドバンテージ:: ", "アメリカン・アドバンテージ"),
    ("summary", "AIのコストと価値技術", "AIのコストと価値"),
    ("summary", "AI開発における不確実性例えば", "AI開発における不確実性"),
]


def test_table_covers_every_seed_bullet(seed_edition):
    bullets = [u for u in seed_edition.units if u.kind == "bullet" and u.doc in ("commentary", "summary")]
    assert len(bullets) == len(SEED_LABELS) == 27
    assert sum(label is not None for _, _, label in SEED_LABELS) == 23


@pytest.mark.parametrize("doc, prefix, label", SEED_LABELS)
def test_seed_bullet_label(seed_edition, doc, prefix, label):
    matches = [u for u in seed_edition.units if u.doc == doc and u.kind == "bullet" and u.text.startswith(prefix)]
    assert len(matches) == 1
    bullet = matches[0]
    assert bullet.label == label
    if label is not None:
        body = bullet.text[bullet.body_start - bullet.start:]
        assert body and not body.startswith((":", "：", " ", "。"))


@pytest.mark.parametrize("text, label", [
    ("背景：米国は規制を強めた。", "背景"),
    ("背景::米国は規制を強めた。", "背景"),
    ("【背景】米国は規制を強めた。", "背景"),
    ("拡大法。 規模を大きくすると性能が上がる。", "拡大法"),
    ("Scaling laws: bigger models do better.", "Scaling laws"),
    ("米国は規制を強めた。中国は反発した。", None),
    ("著者は、規制が有効だと述べる。", None),
    ("「引用」：これは引用だ。", None),
])
def test_explicit_labels(text, label):
    split = split_explicit(text, allow_short_sentence=False)
    assert (split.label if split else None) == label
