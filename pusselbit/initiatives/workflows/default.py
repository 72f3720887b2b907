"""Region Blekinge's process from idea to initiative (LSVO, June 2021), the default workflow.

Stages and transitions are written here once, as data, and installed as rows for each region
(install_workflow); from then on the region's administrator changes its own rows."""

from ..enums import OWNER
from ..enums import StageKind as S
from ..enums import TransitionKind as T

CC = "county_coordinator"
LC = "local_coordinator"
CGM = "coordination_group_member"
LSVO = "lsvo_member"
RD = "regional_director"
SG = "steering_group_member"
FO = "finance_officer"

NAME = ("Från idé till satsning (Blekinge)", "From idea to initiative (Blekinge)")

# key, kind, Swedish name, English name, description, flags
STAGES = [
    (
        "ide",
        S.START,
        "Idé",
        "Idea",
        "En idé eller ett identifierat problem; idébeskrivningen skrivs.",
        {"idea_editable"},
    ),
    (
        "radgivning",
        S.ACTIVE,
        "Rådgivning",
        "Advice",
        "Rådgivning med länssamordnarna: stämmer idén med överenskommelsen och prioriterade "
        "behovsområden?",
        {"idea_editable", "advice"},
    ),
    ("inskickad", S.ACTIVE, "Inskickad", "Submitted", "Idébeskrivningen är inskickad.", set()),
    (
        "samordningsgrupp",
        S.ACTIVE,
        "Samordningsgrupp",
        "Coordination group",
        "Idén presenteras för samordningsgruppen, som namnger övriga aktörer.",
        set(),
    ),
    (
        "dialogforum",
        S.ACTIVE,
        "Dialogforum",
        "Dialogue forum",
        "Dialogforum, t.ex. kvalitetscafé: problem och behov på djupet.",
        {"proposal_editable"},
    ),
    (
        "malgruppsdialog",
        S.ACTIVE,
        "Målgruppsdialog",
        "Target-group dialogue",
        "Vid behov: dialog med satsningens målgrupper.",
        {"proposal_editable", "optional"},
    ),
    (
        "underlag",
        S.ACTIVE,
        "Underlag",
        "Proposal",
        "Underlaget skrivs fram av initiativtagarna med länssamordnare och lokala samordnare.",
        {"proposal_editable"},
    ),
    (
        "rekommendation",
        S.ACTIVE,
        "Rekommendation",
        "Recommendation",
        "LSVO rekommenderar beslut.",
        set(),
    ),
    (
        "beslut",
        S.ACTIVE,
        "Beslut",
        "Decision",
        "Regiondirektören beslutar om genomförande, budget och uppföljning.",
        set(),
    ),
    (
        "genomforande",
        S.ACTIVE,
        "Genomförande",
        "Execution",
        "Satsningen genomförs, följs upp, utvärderas och justeras i dialog med styrgruppen.",
        {"running"},
    ),
    (
        "implementering",
        S.ACTIVE,
        "Implementering/uppskalning",
        "Implementation/scale-up",
        "Översyn av resurser, rekommendation från LSVO och beslut om implementering/uppskalning.",
        {"running"},
    ),
    ("avslutad", S.END, "Avslutad", "Completed", "", set()),
    ("avslagen", S.END, "Avslagen", "Rejected", "", set()),
    ("atertagen", S.END, "Återtagen", "Withdrawn", "", set()),
]

READY_FOR_LSVO = [
    "participant_mix",
    "criteria_assessed",
    "criteria_not_met_reasoned",
    "preparation_done",
    "proposal_complete",
]

# source, target, kind, outcome, Swedish name, English name, roles, gates
TRANSITIONS = [
    ("ide", "radgivning", T.FORWARD, "", "Begär rådgivning", "Ask for advice", [OWNER, CC], []),
    (
        "radgivning",
        "inskickad",
        T.FORWARD,
        "",
        "Skicka in idébeskrivningen",
        "Submit the idea template",
        [OWNER, CC],
        ["idea_complete"],
    ),
    ("radgivning", "ide", T.BACK, "", "Tillbaka till idé", "Back to idea", [CC], []),
    (
        "inskickad",
        "samordningsgrupp",
        T.FORWARD,
        "",
        "Presentera för samordningsgruppen",
        "Present to the coordination group",
        [CC],
        [],
    ),
    (
        "samordningsgrupp",
        "dialogforum",
        T.FORWARD,
        "",
        "Till dialogforum",
        "To dialogue forum",
        [CC, CGM],
        [],
    ),
    (
        "dialogforum",
        "malgruppsdialog",
        T.FORWARD,
        "",
        "Till målgruppsdialog",
        "To target-group dialogue",
        [CC],
        [],
    ),
    (
        "dialogforum",
        "underlag",
        T.FORWARD,
        "",
        "Skriv fram underlag",
        "Write the proposal",
        [CC],
        [],
    ),
    (
        "malgruppsdialog",
        "underlag",
        T.FORWARD,
        "",
        "Skriv fram underlag",
        "Write the proposal",
        [CC],
        [],
    ),
    (
        "underlag",
        "rekommendation",
        T.FORWARD,
        "",
        "Lämna till LSVO",
        "Send to LSVO",
        [CC],
        READY_FOR_LSVO,
    ),
    (
        "rekommendation",
        "beslut",
        T.RECOMMENDATION,
        "recommend",
        "Rekommendera",
        "Recommend",
        [LSVO],
        [],
    ),
    (
        "rekommendation",
        "beslut",
        T.RECOMMENDATION,
        "do_not_recommend",
        "Avstyrk",
        "Do not recommend",
        [LSVO],
        [],
    ),
    (
        "rekommendation",
        "underlag",
        T.RECOMMENDATION,
        "send_back",
        "Återremittera",
        "Send back",
        [LSVO],
        [],
    ),
    # Beslut is reached only through LSVO's recommendation, so no gate is needed here.
    ("beslut", "genomforande", T.DECISION, "approved", "Bevilja", "Approve", [RD], []),
    ("beslut", "avslagen", T.DECISION, "rejected", "Avslå", "Reject", [RD], []),
    ("beslut", "underlag", T.DECISION, "sent_back", "Återremittera", "Send back", [RD], []),
    (
        "genomforande",
        "implementering",
        T.FORWARD,
        "",
        "Påbörja implementering/uppskalning",
        "Start implementation/scale-up",
        [CC, SG],
        ["final_evaluation"],
    ),
    (
        "implementering",
        "implementering",
        T.RECOMMENDATION,
        "recommend",
        "Rekommendera implementering",
        "Recommend implementation",
        [LSVO],
        ["resources_reviewed"],
    ),
    (
        "implementering",
        "implementering",
        T.RECOMMENDATION,
        "do_not_recommend",
        "Avstyrk implementering",
        "Do not recommend implementation",
        [LSVO],
        ["resources_reviewed"],
    ),
    (
        "implementering",
        "avslutad",
        T.DECISION,
        "approved",
        "Besluta om implementering/uppskalning",
        "Decide on implementation/scale-up",
        [RD],
        ["recommendation_recorded"],
    ),
    (
        "implementering",
        "avslutad",
        T.DECISION,
        "rejected",
        "Besluta att inte implementera",
        "Decide not to implement",
        [RD],
        ["recommendation_recorded"],
    ),
]
# Withdrawing is the owner's (or a coordinator's) choice until the proposal goes to LSVO;
# coordinators can turn an idea away that does not fit the agreement.
for source in [
    "ide",
    "radgivning",
    "inskickad",
    "samordningsgrupp",
    "dialogforum",
    "malgruppsdialog",
    "underlag",
]:
    TRANSITIONS.append(
        (source, "atertagen", T.WITHDRAW, "", "Ta tillbaka", "Withdraw", [OWNER, CC], [])
    )
for source in ["inskickad", "samordningsgrupp", "dialogforum"]:
    TRANSITIONS.append(
        (source, "avslagen", T.REJECT, "", "Avslå idén", "Turn the idea down", [CC], [])
    )
