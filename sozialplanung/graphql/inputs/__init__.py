"""Input types, exactly as the contract names them (generated once from
api-contract.graphql, then kept by hand), one module per aggregate like mutations/.

Each input field says what it means; the fields every command input shares
(clientMutationId, reason, effectiveOn, expectedVersion) are described once, in
graphql/descriptions.py, unless a command gives them a meaning of its own.
"""

from .bodies import (
    AddMemberInput,
    AssignLeadInput,
    CadenceInput,
    ChangeMemberRoleInput,
    DissolveBodyInput,
    EstablishBodyInput,
    PublishNoticeInput,
    RemoveMemberInput,
    SetCadenceInput,
    ShiftFocusInput,
)
from .cycles import (
    AssignWorkingGroupInput,
    CloseCycleInput,
    OpenCycleInput,
    RecordConferenceHeldInput,
    WorkingGroupInput,
)
from .events import EventFilter
from .measures import (
    CarryForwardMeasureInput,
    CloseMeasureInput,
    DecideMeasureInput,
    EvaluateMeasureInput,
    ProposeMeasureInput,
    ReferMeasureInput,
    ReportProgressInput,
    ReviseMeasureInput,
    StartImplementationInput,
)
from .meetings import (
    AddAgendaItemInput,
    CancelMeetingInput,
    RecordMeetingHeldInput,
    RecordResolutionInput,
    RescheduleMeetingInput,
    ScheduleMeetingInput,
)
from .organizations import (
    ErasePersonInput,
    RedactEventInput,
    RegisterOrganizationInput,
    RegisterPersonInput,
)
from .papers import (
    AttachmentInput,
    ConcludeConsultationInput,
    InformParliamentaryGroupsInput,
    MeasureDecisionInput,
    ScheduleConsultationInput,
    SettlePaperInput,
    SubmitPaperInput,
    WithdrawPaperInput,
)

__all__ = [
    "AddAgendaItemInput",
    "AddMemberInput",
    "AssignLeadInput",
    "AssignWorkingGroupInput",
    "AttachmentInput",
    "CadenceInput",
    "CancelMeetingInput",
    "CarryForwardMeasureInput",
    "ChangeMemberRoleInput",
    "CloseCycleInput",
    "CloseMeasureInput",
    "ConcludeConsultationInput",
    "DecideMeasureInput",
    "DissolveBodyInput",
    "ErasePersonInput",
    "EstablishBodyInput",
    "EvaluateMeasureInput",
    "EventFilter",
    "InformParliamentaryGroupsInput",
    "MeasureDecisionInput",
    "OpenCycleInput",
    "ProposeMeasureInput",
    "PublishNoticeInput",
    "RecordConferenceHeldInput",
    "RecordMeetingHeldInput",
    "RecordResolutionInput",
    "RedactEventInput",
    "ReferMeasureInput",
    "RegisterOrganizationInput",
    "RegisterPersonInput",
    "RemoveMemberInput",
    "ReportProgressInput",
    "RescheduleMeetingInput",
    "ReviseMeasureInput",
    "ScheduleConsultationInput",
    "ScheduleMeetingInput",
    "SetCadenceInput",
    "SettlePaperInput",
    "ShiftFocusInput",
    "StartImplementationInput",
    "SubmitPaperInput",
    "WithdrawPaperInput",
    "WorkingGroupInput",
]
