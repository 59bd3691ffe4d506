"""Figures of every kind, paired by what they measure: a changed value is flagged whatever the
ratio, an unrelated figure is not. Texts of our own, not from the bundled corpora."""
from __future__ import annotations

import pytest

from annotator.extract.figures import compare_texts, describe, extract_quantities

# (text, kind, low, high, span)
EXTRACTION = [
    ("支持率は18ポイント下がった", "points", 18, 18, "18ポイント"),
    ("前年より5%ポイント高い", "points", 5, 5, "5%ポイント"),
    ("3pt低下した", "points", 3, 3, "3pt"),
    ("support fell 7 percentage points", "points", 7, 7, "7 percentage points"),
    ("会議は3時間45分続いた", "duration", 225, 225, "3時間45分"),
    ("1時間半かかる", "duration", 90, 90, "1時間半"),
    ("待ち時間は約90分間", "duration", 90, 90, "約90分間"),
    ("5分30秒で走る", "duration", 5.5, 5.5, "5分30秒"),
    ("三時間の講義", "duration", 180, 180, "三時間"),
    ("2~3時間かかる", "duration", 120, 180, "2~3時間"),
    ("the trip takes 3 hours 45 minutes", "duration", 225, 225, "3 hours 45 minutes"),
    ("a 2.5 hour drive", "duration", 150, 150, "2.5 hour"),
    ("午前9時30分に開く", "clock", 570, 570, "午前9時30分"),
    ("午後3時に閉まる", "clock", 900, 900, "午後3時"),
    ("9時半に集合", "clock", 570, 570, "9時半"),
    ("starts at 9:30 pm", "clock", 1290, 1290, "9:30 pm"),
    ("4月1日に始まる", "date", 401, 401, "4月1日"),
    ("starts on April 1, 2027", "date", 401, 401, "April 1"),
    ("from 1 April", "date", 401, 401, "1 April"),
    ("approval fell 12 points", "points", 12, 12, "12 points"),
    ("利用者は2.4万人", "count", 24000, 24000, "2.4万人"),
    ("予算は1.5億円", "money", 1.5e8, 1.5e8, "1.5億円"),
    ("来場者は3千人", "count", 3000, 3000, "3千人"),
]


@pytest.mark.parametrize("text, kind, low, high, span", EXTRACTION)
def test_extraction(text: str, kind: str, low: float, high: float, span: str) -> None:
    found = [q for q in extract_quantities(text) if q.kind == kind]
    assert len(found) == 1, extract_quantities(text)
    q = found[0]
    assert (q.text, q.low, q.high) == (span, pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize("text", ["十分な時間がある", "一時的な措置", "二分する議論", "3:1の比率", "同時に進める"])
def test_words_that_are_not_times(text: str) -> None:
    assert [q for q in extract_quantities(text) if q.kind in ("duration", "clock", "date")] == []


# (claim, source): the same measure, another value — flagged
CHANGED = [
    ("失業率は24%に上った。", "失業率は2.4%に上った。"),  # a decimal slip
    ("投票率は0.5%にとどまった。", "投票率は50%にとどまった。"),  # a hundredfold slip
    ("予算は3億円に膨らんだ。", "予算は300万円に膨らんだ。"),
    ("来場者は12万人を数えた。", "来場者は1.2万人を数えた。"),
    ("空き家は2倍の6万戸に増えた。", "空き家は3万戸に増えた。"),
    ("支持率は18ポイント下がった。", "支持率は8ポイント下がった。"),
    ("会議は3時間45分続いた。", "会議は3時間54分続いた。"),
    ("通勤時間は片道90分に延びた。", "通勤時間は片道45分に延びた。"),
    ("式典は午前10時に始まった。", "式典は午前11時に始まった。"),
    ("新制度は4月1日に始まる。", "新制度は4月10日に始まる。"),
    ("新制度は2019年に始まった。", "新制度は2021年に始まった。"),
    ("Turnout fell to 24% this year.", "Turnout fell to 2.4% this year."),
    ("The meeting lasted 3 hours 45 minutes.", "The meeting lasted 3 hours 54 minutes."),
    ("The fee starts on April 1.", "The fee starts on April 10."),
    ("Approval fell 12 points.", "Approval fell 2 percentage points."),
    ("Support dropped 18 percentage points.", "Support dropped 8 percentage points."),
    ("市の出生率は1.8まで回復した。", "市の出生率は1.08まで回復した。"),  # a plain number of one measure
    ("事業費は4.5億円と見込まれる。", "事業費は45億円と見込まれる。"),
    ("転出者は前年より3ポイント増えた。", "転出者は前年より13ポイント増えた。"),
    ("投票は午後8時に締め切られた。", "投票は午後6時に締め切られた。"),
    ("The average wait was 45 minutes.", "The average wait was 4.5 minutes."),
]

# (claim, source): unrelated figures, or equal values in other forms — not flagged
UNRELATED = [
    ("会員は500人増えた。", "職員は50人いる。"),
    ("女性の割合は30%だった。", "高齢者の割合は25%だった。"),
    ("会議は3時間続いた。", "移動には40分かかる。"),
    ("新制度は2019年に始まった。", "旧制度は2010年に廃止された。"),
    ("開会は午前10時だった。", "閉会は午後5時だった。"),
    ("申込みは4月1日から受け付ける。", "結果は5月20日に発表する。"),
    ("支持率は18ポイント下がった。", "不支持率は8ポイント上がった。"),
    ("Membership grew by 500.", "The staff numbers 50 people."),
    ("会議は3時間45分続いた。", "会議は225分続いた。"),
    ("利用者は2.4万人だった。", "利用者は24,000人だった。"),
    ("支持率は18ポイント下がった。", "Support dropped 18 percentage points."),
    ("午後3時に閉まる。", "15時に閉まる。"),
    ("9:30に集合する。", "9時半に集合する。"),
    ("工事は約3時間かかる。", "工事は2~3時間かかる。"),
    ("失業率は2.4%だった。", "失業率は2.4%で、前年より0.3ポイント高い。"),
    ("市の出生率は1.8まで回復した。", "市の出生率は1.80まで回復した。"),
    ("作業は約1時間かかる。", "作業は50分かかる。"),  # hedged durations are wide
    ("式は9時ごろ始まる。", "式は9時15分に始まる。"),
    ("新制度は2019年頃に始まった。", "新制度は2018年に始まった。"),
    ("図書館の蔵書は30万冊ある。", "図書館の来館者は3万人だった。"),
    ("商店の数は20%減った。", "家賃は20%上がった。"),
    ("バスは15分おきに来る。", "駅までは徒歩15分だ。"),
    ("工事は3月末に終わる。", "説明会は4月2日に開かれる。"),
    ("約2割の世帯が車を持たない。", "車を持たない世帯は18%にのぼる。"),
    ("Turnout was 48%.", "Support for the plan was 61%."),
    ("The fee starts on April 1.", "The review ends on May 30."),
]


@pytest.mark.parametrize("claim, source", CHANGED)
def test_a_changed_value_of_the_same_measure_is_flagged(claim: str, source: str) -> None:
    found = compare_texts(claim, source)
    assert [m.reason for m in found] == ["value"], found


@pytest.mark.parametrize("claim, source", UNRELATED)
def test_unrelated_figures_and_equal_values_are_not_flagged(claim: str, source: str) -> None:
    assert compare_texts(claim, source) == []


@pytest.mark.parametrize("text, expected", [
    ("18ポイント", "18 pt"), ("3時間45分", "3 h 45 min"), ("午後3時", "15:00"), ("4月1日", "4/1"), ("2~3時間", "2 h–3 h"),
])
def test_describe(text: str, expected: str) -> None:
    (q,) = extract_quantities(text)
    assert describe(q) == expected
