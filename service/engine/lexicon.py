"""Word lists the engine's features use: reporting cues and speaker words.

Hand-written from the PolNeAR annotation guidelines' examples and newsroom usage; the
classifiers learn their weights, so these lists only need to be broad, not exact.
"""

from __future__ import annotations

REPORTING_VERBS = frozenset(
    """
    say says said saying tell tells told telling add adds added adding state states stated
    claim claims claimed claiming argue argues argued arguing explain explains explained
    note notes noted noting write writes wrote written writing report reports reported
    announce announces announced insist insists insisted insisting suggest suggests suggested
    warn warns warned warning acknowledge acknowledges acknowledged admit admits admitted
    deny denies denied denying ask asks asked asking reply replies replied respond responds
    responded recall recalls recalled predict predicts predicted declare declares declared
    contend contends contended maintain maintains maintained allege alleges alleged
    assert asserts asserted confirm confirms confirmed concede concedes conceded
    tweet tweets tweeted tweeting post posts posted testify testifies testified
    believe believes believed think thinks thought feel feels felt hope hopes hoped
    estimate estimates estimated predict predicts predicted promise promises promised
    vow vows vowed pledge pledges pledged accuse accuses accused blame blames blamed
    criticize criticizes criticized praise praises praised call calls called urge urges urged
    describe describes described characterize characterizes characterized mocked mock mocks
    quip quips quipped joke jokes joked shout shouted yell yelled chant chanted boast boasted
    complain complains complained lament lamented charge charges charged agree agrees agreed
    disagree disagreed dispute disputes disputed reveal reveals revealed show shows showed
    find finds found conclude concludes concluded indicate indicates indicated
    learn learned learns revealed signal signals signaled hint hinted emphasize emphasized
    stress stresses stressed point pointed mention mentions mentioned remark remarked
    observe observed speculate speculated worry worries worried fear fears feared
    wonder wondered question questioned challenge challenged attack attacked slam slammed
    blast blasted defend defended reject rejected dismiss dismissed
    """.split()
)

CUE_PHRASES = (
    "according to",
    "in a statement",
    "in an interview",
    "told reporters",
    "said in a statement",
    "citing",
    "reportedly",
    "allegedly",
    "is said to",
    "are said to",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "statement",
    "interview",
    "poll",
    "survey",
    "report",
)

SPEAKER_WORDS = frozenset(
    """
    he she they i we spokesman spokeswoman spokesperson official officials sources source
    aide aides adviser advisers president candidate campaign senator governor secretary
    director chairman analyst analysts expert experts critics supporters
    """.split()
)

FIRST_SECOND_PERSON = frozenset("i me my mine we us our ours you your yours".split())

MODALS = frozenset("will would should could might may must can".split())
