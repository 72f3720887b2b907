from .advice import Advice, ReasonToProceed
from .assessment import CriterionAssessment, PreparationRecord
from .comments import Comment
from .decisions import Decision, DecisionDocument, Recommendation
from .execution import (
    Adjustment,
    FinalEvaluation,
    FollowUpReport,
    MeasureValue,
    ResourceReview,
    Seminar,
)
from .initiative import Initiative, StageChange
from .meetings import AgendaItem, CheckIn, Invitation, Meeting, MeetingNote
from .participants import Participant
from .proposal import BudgetLine, EffectMeasure, Proposal
from .search import SearchText
from .workflow import Stage, Transition, Workflow

__all__ = [
    "Adjustment",
    "Advice",
    "AgendaItem",
    "BudgetLine",
    "CheckIn",
    "Comment",
    "CriterionAssessment",
    "Decision",
    "DecisionDocument",
    "EffectMeasure",
    "FinalEvaluation",
    "FollowUpReport",
    "Initiative",
    "Invitation",
    "MeasureValue",
    "Meeting",
    "MeetingNote",
    "Participant",
    "PreparationRecord",
    "Proposal",
    "ReasonToProceed",
    "Recommendation",
    "ResourceReview",
    "SearchText",
    "Seminar",
    "Stage",
    "StageChange",
    "Transition",
    "Workflow",
]
