"""What the commands print besides their results."""

from conflictatlas.terminal import counted


def test_counted_nouns_agree_with_their_number():
    assert [counted(n, "article") for n in (0, 1, 2)] == ["0 articles", "1 article", "2 articles"]
