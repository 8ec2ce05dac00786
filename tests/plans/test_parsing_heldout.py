"""The parser against texts it was not improved on (``heldout/``): written after the corpus was read right and
scored once, blind: 108 of 116 fields (0.931). The two gaps they showed (a news article's "Theo Kế hoạch số ...",
phases after a comma, "Thời gian:" inside a numbered item) were then fixed in general, not for these texts."""

from tests.plans.corpus import HELD_OUT, score_all

BLIND = 108 / 116
FLOOR = 1.0


def test_held_out_texts_are_read_right():
    scores, share = score_all(HELD_OUT)
    for s in scores:
        print(f"{s.name:45s} {s.right:3d}/{s.total:<3d}")
        for line in s.wrong():
            print("    ", line)
    print(f"Held out: {len(scores)} texts, share {share:.3f} (blind {BLIND:.3f})")
    assert len(scores) >= 6
    assert share >= FLOOR
