"""The citation labeler: the shipped model, its decoding under constraints, and the grammar's use of it.

The citations below are made up (names, titles and venues invented for these tests) and written in
the common styles; the labeler must cut each into its authors, title, venue and year.  The accuracy
on anystyle's hand-labeled references is measured when ``../shared/citations`` is present.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from awesome_parse.grammar import read_atoms
from awesome_parse.grammar.atoms import to_atoms
from awesome_parse.grammar.labeler import LABELS, features, label, load_model, read_citation, tokenize
from awesome_parse.grammar.rules import CITATION_MODES, citation_rules, iter_rules, labeled_citation
from awesome_parse.grammar.unit import Shape, State, Unit
from awesome_parse.markdown import Inline

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "citations" / "anystyle-gold.xml"

# (style, citation, authors, title, venue, year): every value made up for this test.
STYLES = [
    (
        "apa",
        "Marlow, T. R., & Quince, A. (2019). Sparse gradients for lattice rotation. Journal of Applied Topology, 12(3), 45-67.",
        "Marlow, T. R., & Quince, A.",
        "Sparse gradients for lattice rotation",
        "Journal of Applied Topology",
        "2019",
    ),
    (
        "mla",
        'Fenwick, Dora, and Piet Halloran. "Counting Shadows in Streaming Graphs." Computational Linguistics Review, vol. 8, no. 2, 2016, pp. 101-19.',
        "Fenwick, Dora, and Piet Halloran",
        "Counting Shadows in Streaming Graphs",
        "Computational Linguistics Review",
        "2016",
    ),
    (
        "ieee",
        '[4] K. Odell and M. Brandt, "Adaptive kernels for event cameras," in Proc. International Conference on Robot Vision, 2021, pp. 88-95.',
        "K. Odell and M. Brandt",
        "Adaptive kernels for event cameras",
        "Proc. International Conference on Robot Vision",
        "2021",
    ),
    (
        "acl",
        "Ines Varga and Tomas Reuter. 2020. Multilingual Probing of Tiny Encoders. In Proceedings of the Workshop on Efficient Parsing.",
        "Ines Varga and Tomas Reuter",
        "Multilingual Probing of Tiny Encoders",
        "Proceedings of the Workshop on Efficient Parsing",
        "2020",
    ),
    (
        "chicago",
        "Albers, Nina. 2014. “Rivers of Noise: Signal Recovery in Old Archives.” Annals of Data Recovery 3 (1): 12–30.",
        "Albers, Nina",
        "Rivers of Noise: Signal Recovery in Old Archives",
        "Annals of Data Recovery",
        "2014",
    ),
    (
        "vancouver",
        "Holm P, Sato K, Weber L. Low-rank adapters for protein folding. Bioinformatics Letters. 2022;14(2):210-8.",
        "Holm P, Sato K, Weber L.",  # an initial keeps its period (the normalizer reads the names)
        "Low-rank adapters for protein folding",
        "Bioinformatics Letters",
        "2022",
    ),
]


def test_model_loads_once_with_the_five_labels() -> None:
    model = load_model()
    assert sorted(model.labels) == sorted(LABELS)
    assert model is load_model()
    assert model.states and len(model.transitions) == len(LABELS)


@pytest.mark.parametrize(("style", "text", "authors", "title", "venue", "year"), STYLES, ids=[s[0] for s in STYLES])
def test_each_common_style_is_cut_into_its_fields(
    style: str, text: str, authors: str, title: str, venue: str, year: str
) -> None:
    c = read_citation(text)
    assert (c.authors, c.title, c.venue, c.year) == (authors, title, venue, year), style


def test_labels_are_deterministic_and_one_per_token() -> None:
    text = STYLES[0][1]
    first = label(text)
    assert first == label(text)
    assert len(first) == len(tokenize(text))
    assert set(first) <= set(LABELS)
    assert features(tokenize(text)) == features(tokenize(text))


def test_constraints_hold_and_the_rest_is_decoded_around_them() -> None:
    text = "Ines Varga and Tomas Reuter. 2020. Multilingual Probing of Tiny Encoders. In Proceedings of ACL."
    toks = tokenize(text)
    free = label(toks)
    # force the first two tokens to be the title: a quoted or bold run does this in the grammar
    forced = {0: {"title"}, 1: {"title"}, 5: {"other"}}
    labs = label(toks, constraints=forced)
    assert labs[0] == labs[1] == "title" and labs[5] == "other"
    assert free[0] == "author"  # without the constraint the names are authors
    with pytest.raises(ValueError, match="allows none"):
        label(toks, constraints={0: {"no-such-label"}})


def test_markup_marks_are_features() -> None:
    toks = tokenize("Some Title. A. Writer. 2020.")
    plain = features(toks)
    marked = features(toks, marks=[("bold",), ("bold",)] + [None] * (len(toks) - 2))
    assert "m" not in plain[0] and marked[0]["m"] == "bold"


def _state(markdown: str) -> State:
    atoms, links = to_atoms([Inline(markdown, 1)])
    return State(Unit(Shape.LIST_ITEM, atoms, links, 1, 1))


def test_labeled_citation_keeps_what_markup_decided() -> None:
    """A bold title stays the title (a hard constraint); the labeler fills only the fields left open."""
    rules = citation_rules("labeler")
    r = read_atoms(*to_atoms([Inline("**Ines Varga and Tomas Reuter.** 2020. Some Words. In Proceedings of ACL.", 1)]))
    assert r.title == "Ines Varga and Tomas Reuter."
    state = _state("**Ines Varga and Tomas Reuter.** 2020. Some Words. In Proceedings of ACL.")
    for rule in rules:
        rule(state)
    titles = [m for m in state.marks if m.label == "title"]
    assert [m.rule for m in titles] == ["bold_title"]
    assert all(m.rule != "labeled_citation" or m.label != "title" for m in state.marks)


def test_hybrid_reads_plain_citations_with_the_labeler_and_marked_ones_with_the_rules() -> None:
    rules = citation_rules("hybrid")
    plain = _state("Ines Varga and Tomas Reuter. 2020. Multilingual Probing of Tiny Encoders. In Proceedings of ACL.")
    for rule in rules:
        rule(plain)
    read = {m.label: (plain.text[m.start : m.end], m.rule) for m in plain.marks if m.label != "other"}
    assert read == {
        "author": ("Ines Varga and Tomas Reuter", "plain_citation"),
        "date": ("2020", "plain_citation"),
        "title": ("Multilingual Probing of Tiny Encoders", "plain_citation"),
        "venue": ("Proceedings of ACL", "plain_citation"),
    }
    bold = _state("**Multilingual Probing of Tiny Encoders.** Ines Varga, Tomas Reuter. ACL 2020.")
    for rule in rules:
        rule(bold)
    assert all(m.rule != "plain_citation" for m in bold.marks)


def test_labeled_citation_skips_prose_and_tables() -> None:
    prose = "**A Title** " + "We study how words behave when they are many and long. " * 12
    state = _state(prose)
    for rule in citation_rules("rules"):
        rule(state)
    before = list(state.marks)
    labeled_citation(state)
    assert state.marks == before
    atoms, links = to_atoms([Inline("Ines Varga. 2020. In Proceedings of ACL.", 1)])
    table = State(Unit(Shape.TABLE_ROW, atoms, links, 1, 1))
    labeled_citation(table)
    assert table.marks == []


def test_citation_modes() -> None:
    assert CITATION_MODES == ("hybrid", "rules", "labeler", "fill")
    assert citation_rules("hybrid").names() == citation_rules().names()
    assert "labeled_citation" not in citation_rules("rules").names()
    assert "plain_citation" not in citation_rules("rules").names(enabled_only=True)
    assert "tail" not in citation_rules("labeler").names(enabled_only=True)
    assert citation_rules("fill").names(enabled_only=True)[-1] == "labeled_citation"
    hybrid = citation_rules("hybrid").names(enabled_only=True)
    assert hybrid.index("plain_citation") == hybrid.index("text_title") - 1
    assert "plain_citation" in [name for name, _rule in iter_rules()]
    with pytest.raises(ValueError, match="unknown citation mode"):
        citation_rules("guess")


@pytest.mark.skipif(not GOLD.is_file(), reason="anystyle's labeled references (../shared/citations) are absent")
def test_token_accuracy_on_anystyles_gold_references() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from labeler import accuracy  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    acc, right, total, n = accuracy(GOLD)
    assert n > 1000
    assert acc >= 0.875, f"token accuracy {acc:.3f}"  # measured 0.894 (docs/labeler.md); goal 0.93
    assert right["author"] / total["author"] >= 0.9


# Made-up list entries without a markup title: the hybrid grammar reads them with the labeler.
# (Kept here rather than in tests/cases, whose records the model is trained from.)
AUTHOR_FIRST = """# Reading list

## Plain citations

- Ines Varga, Tomas Reuter, Lena Okafor, Sparse Probing of Tiny Encoders, arXiv:2101.00042 [[Paper](https://arxiv.org/abs/2101.00042)]
- Ines Varga and Tomas Reuter. 2020. Multilingual Probing of Tiny Encoders. In Proceedings of the Workshop on Efficient Parsing. [[pdf](https://example.org/varga20.pdf)]
- Marlow, T. R., & Quince, A. (2019). Sparse gradients for lattice rotation. Journal of Applied Topology. [[pdf](https://example.org/marlow19.pdf)]
- Counting Shadows in Streaming Graphs — Fenwick et al., ICML 2016 | [paper](https://arxiv.org/abs/1601.00007)
- Grid Walkers [[Paper](https://arxiv.org/abs/1507.01526)]
"""


def test_plain_list_citations_are_read_by_the_hybrid_grammar() -> None:
    from awesome_parse import parse_text

    got = [(p.title, p.aliases, p.authors, p.venue, p.year, p.et_al) for p in parse_text(AUTHOR_FIRST).papers]
    assert got == [
        ("Sparse Probing of Tiny Encoders", (), ("Ines Varga", "Tomas Reuter", "Lena Okafor"), "arXiv", 2021, False),
        (
            "Multilingual Probing of Tiny Encoders",
            (),
            ("Ines Varga", "Tomas Reuter"),
            "Proceedings of the Workshop on Efficient Parsing",
            2020,
            False,
        ),
        (
            "Sparse gradients for lattice rotation",
            (),
            ("Marlow, T. R.", "Quince, A."),
            "Journal of Applied Topology",
            2019,
            False,
        ),
        ("Counting Shadows in Streaming Graphs", (), ("Fenwick",), "ICML 2016", 2016, True),
        (None, ("Grid Walkers",), (), None, 2015, False),  # a nickname: the rules read it, not the labeler
    ]
