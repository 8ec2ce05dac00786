"""The scope matrix: every route of the project, pages and API, against the users of another branch.

Routes come from the root URL resolver, so a route added tomorrow is in the matrix tomorrow:

- a route that takes arguments must be in ``OBJECT_ROUTES``, which points it at an object of the Trà Vinh branch
  (the GIAY union, Phạm Văn Bình, the outsider's task and API token). Every user of the Bến Tre branch gets 404 from
  it (GET, and POST where the route accepts POST); the outsider, officer of Trà Vinh, does not.
- a route without arguments is a list, a dashboard or a form: the Bến Tre users' responses (GET and POST, plain and
  searched for Trà Vinh's names) must not show any of Trà Vinh's names.
- only the explicit ``PUBLIC_ROUTES`` (authentication, language, the API's schema and docs) and the admin (tested
  below: everyone but system administrators is sent to the admin login) are left out.

A route in neither list makes ``test_every_route_is_in_the_matrix`` fail with the name to add.
"""

from __future__ import annotations

import datetime
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from thidua.activities import actions as activity_actions
from thidua.api import actions as api_actions
from thidua.congresses import actions as congress_actions
from thidua.core import actions as core_actions
from thidua.core.models import Task
from thidua.eligibility import actions as eligibility_actions
from thidua.enterprises import actions as enterprise_actions
from thidua.notices.models import Notice
from thidua.orgs import actions as org_actions
from thidua.plans.actions import issue_plan
from thidua.proposals import actions as proposal_actions
from thidua.proposals.models import RewardKind
from thidua.registrations import actions as registrations_actions
from thidua.registrations.actions import (
    AuthorInput,
    register_congress_work,
    register_initiative,
    register_research_topic,
)
from thidua.registrations.models import Award, DuplicateCheck
from thidua.reports import actions as reports_actions
from thidua.reports.models import ExpectedReport, Indicator
from thidua.rewards import actions as reward_actions
from thidua.union_fund import actions as fund_actions

from .certificates.builders import tra_vinh as tv_certificates
from .clusters.builders import tra_vinh_cluster as tv_cluster
from .councils.builders import tra_vinh_session as tv_session
from .exemplars.builders import tra_vinh as tv_exemplars
from .plans.builders import D, draft_plan
from .registrations.builders import federation_layer

BEN_TRE_USERS = [
    "province_officer",
    "province_leader",
    "district_leader",
    "grassroots_officer",
    "council_member",
]
TRA_VINH_USER = "outsider"


def tv_member(w):
    return tv_session(w).council.members.get()


def tv_covenant(w):
    return tv_cluster(w).covenants.get()


# Names of the Trà Vinh branch: none may appear in what a Bến Tre user gets.
TRA_VINH_NAMES = [
    "Liên đoàn Lao động tỉnh Trà Vinh",
    "LĐLĐ Trà Vinh",
    "Công đoàn các Khu công nghiệp Trà Vinh",
    "CĐ KCN Trà Vinh",
    "Công ty TNHH Giày Trà Vinh",
    "CĐCS Giày Trà Vinh",
    "Phạm Văn Bình",
    "084087000009",
    "Đại hội Công đoàn tỉnh Trà Vinh",
]
# Searches that a list route gets on top of its plain GET, so that a search or filter that forgets the scope shows.
LIST_SEARCHES = ["", "?q=pham van binh", "?q=tra vinh", "?q=giay"]

# Open to everyone, or part of signing in; nothing scoped behind them.
PUBLIC_ROUTES = {
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "set_language",
    "api-v1:openapi-json",
    "api-v1:openapi-view",
    "api-v1:api-root",
    "api-not-found",  # any other address under /api/v1/: always a JSON 404
    "core:health",  # states of the checks only (tests/core/test_monitoring.py)
    "core:metrics",  # 404 but to the allowlist or the token (tests/core/test_monitoring.py)
    "exemplars:public-board",  # a published honour board, no login (tests/exemplars/test_boards.py)
    "exemplars:public-photo",
    "certificates:verify",  # the public verification of a serial (tests/certificates/test_views.py)
    "api-v1:certificate-verify",
}
PUBLIC_NAMESPACES = {
    "admin"
}  # Django's admin: see test_admin_sends_everyone_but_system_administrators_to_login
PUBLIC_UNNAMED_PREFIXES = ("^media/", "^static/", "static/", "media/")  # files served in development

# url name -> the kwargs of an object of the Trà Vinh branch. ``w`` has tree, people, users, task, token, role,
# plan (issued) and draft (plans of Trà Vinh), and notice (a reminder to Trà Vinh).
OBJECT_ROUTES: dict[str, Callable[[SimpleNamespace], dict]] = {
    "core:task-detail": lambda w: {"pk": w.task.pk},
    "core:attachment-add": lambda w: {
        "type_id": w.attachment.owner_type_id,
        "owner_id": w.attachment.owner_id,
    },
    "core:attachment-download": lambda w: {"pk": w.attachment.pk},
    "core:attachment-archive": lambda w: {"pk": w.attachment.pk},
    "notices:notice-read": lambda w: {"pk": w.notice.pk},
    "api:token-revoke": lambda w: {"pk": w.token.pk},
    "orgs:unit-detail": lambda w: {"pk": w.tree.GIAY.pk},
    "orgs:unit-children": lambda w: {"pk": w.tree.LD.pk},
    "orgs:unit-create": lambda w: {"pk": w.tree.LD.pk},
    "orgs:unit-update": lambda w: {"pk": w.tree.GIAY.pk},
    "orgs:unit-rename": lambda w: {"pk": w.tree.GIAY.pk},
    "orgs:unit-move": lambda w: {"pk": w.tree.GIAY.pk},
    "orgs:unit-merge": lambda w: {"pk": w.tree.GIAY.pk},
    "orgs:unit-dissolve": lambda w: {"pk": w.tree.GIAY.pk},
    "orgs:unit-archive": lambda w: {"pk": w.tree.GIAY.pk},
    "orgs:unit-restore": lambda w: {"pk": w.tree.GIAY.pk},
    "orgs:unit-search": lambda w: {"pk": w.tree.GIAY.pk},
    "orgs:unit-roles": lambda w: {"pk": w.tree.GIAY.pk},
    "orgs:unit-export": lambda w: {"pk": w.tree.LD.pk},
    "orgs:role-revoke": lambda w: {"pk": w.role.pk},
    "orgs:import-status": lambda w: {"pk": w.task.pk},
    "plans:plan-import-ocr": lambda w: {"pk": w.ocr_task.pk},
    "orgs:person-detail": lambda w: {"pk": w.people.pham_binh.pk},
    "orgs:person-update": lambda w: {"pk": w.people.pham_binh.pk},
    "orgs:person-transfer": lambda w: {"pk": w.people.pham_binh.pk},
    "orgs:person-end-membership": lambda w: {"pk": w.people.pham_binh.pk},
    "orgs:person-archive": lambda w: {"pk": w.people.pham_binh.pk},
    "orgs:person-restore": lambda w: {"pk": w.people.pham_binh.pk},
    "orgs:transfer-request-detail": lambda w: {"pk": w.transfer.pk},
    "orgs:transfer-request-withdraw": lambda w: {"pk": w.transfer.pk},
    "orgs:unit-reopen": lambda w: {"pk": w.tree.GIAY.pk},
    "orgs:restructuring-detail": lambda w: {"pk": w.restructuring.pk},
    "orgs:restructuring-transition": lambda w: {"pk": w.restructuring.pk, "name": "approve"},
    "api-v1:unit-detail": lambda w: {"unit_id": w.tree.GIAY.pk},
    "api-v1:unit-children": lambda w: {"unit_id": w.tree.LD.pk},
    "api-v1:person-detail": lambda w: {"person_id": w.people.pham_binh.pk},
    "api-v1:transfer-request-detail": lambda w: {"request_id": w.transfer.pk},
    "api-v1:transfer-request-accept": lambda w: {"request_id": w.transfer.pk},
    "api-v1:transfer-request-refuse": lambda w: {"request_id": w.transfer.pk},
    "api-v1:transfer-request-withdraw": lambda w: {"request_id": w.transfer.pk},
    "plans:plan-detail": lambda w: {"pk": w.plan.pk},
    "plans:plan-document": lambda w: {"pk": w.plan.pk, "fmt": "docx"},
    "plans:plan-update": lambda w: {"pk": w.draft.pk},
    "plans:movement-link": lambda w: {"pk": w.draft.pk, "movement": w.draft.movements.first().pk},
    "plans:plan-deployment": lambda w: {"pk": w.plan.pk},
    "plans:plan-issue": lambda w: {"pk": w.draft.pk},
    "plans:plan-amend": lambda w: {"pk": w.plan.pk},
    "plans:plan-close": lambda w: {"pk": w.plan.pk},
    "plans:plan-archive": lambda w: {"pk": w.plan.pk},
    "plans:plan-copy": lambda w: {"pk": w.plan.pk},
    "plans:plan-build": lambda w: {"pk": w.plan.pk},
    "plans:plan-remind": lambda w: {"pk": w.plan.pk},
    "api-v1:plan-detail": lambda w: {"plan_id": w.plan.pk},
    "api-v1:plan-phases": lambda w: {"plan_id": w.plan.pk},
    "api-v1:plan-deployment": lambda w: {"plan_id": w.plan.pk},
    "registrations:layer-detail": lambda w: {"pk": w.tree.TV.pk},
    "registrations:regulation-create": lambda w: {"pk": w.tree.TV.pk},
    "registrations:award-create": lambda w: {"pk": w.tree.TV.pk},
    "registrations:rule-create": lambda w: {"pk": w.regulation.pk},
    "registrations:regulation-update": lambda w: {"pk": w.regulation.pk},
    "registrations:rule-detail": lambda w: {"pk": w.rule.pk},
    "registrations:rule-update": lambda w: {"pk": w.rule.pk},
    "registrations:rule-archive": lambda w: {"pk": w.rule.pk},
    "works:topic-detail": lambda w: {"pk": w.topic.pk},
    "works:topic-update": lambda w: {"pk": w.topic.pk},
    "works:topic-step": lambda w: {"pk": w.topic.pk, "step": "start"},
    "works:topic-archive": lambda w: {"pk": w.topic.pk},
    "works:work-detail": lambda w: {"pk": w.work.pk},
    "works:work-update": lambda w: {"pk": w.work.pk},
    "works:work-step": lambda w: {"pk": w.work.pk, "step": "complete"},
    "works:work-archive": lambda w: {"pk": w.work.pk},
    "api-v1:research-topic-detail": lambda w: {"topic_id": w.topic.pk},
    "api-v1:congress-work-detail": lambda w: {"work_id": w.work.pk},
    "api-v1:research-topic-edit": lambda w: {"topic_id": w.topic.pk},
    "api-v1:research-topic-start": lambda w: {"topic_id": w.topic.pk},
    "api-v1:research-topic-accept": lambda w: {"topic_id": w.topic.pk},
    "api-v1:research-topic-fail": lambda w: {"topic_id": w.topic.pk},
    "api-v1:research-topic-stop": lambda w: {"topic_id": w.topic.pk},
    "api-v1:congress-work-edit": lambda w: {"work_id": w.work.pk},
    "api-v1:congress-work-start": lambda w: {"work_id": w.work.pk},
    "api-v1:congress-work-complete": lambda w: {"work_id": w.work.pk},
    "api-v1:congress-work-cancel": lambda w: {"work_id": w.work.pk},
    "emulation:registration-detail": lambda w: {"pk": w.registration.pk},
    "emulation:registration-update": lambda w: {"pk": w.registration.pk},
    "emulation:person-search": lambda w: {"pk": w.registration.pk},
    "emulation:registration-submit": lambda w: {"pk": w.registration.pk},
    "emulation:registration-acknowledge": lambda w: {"pk": w.registration.pk},
    "emulation:registration-return": lambda w: {"pk": w.registration.pk},
    "emulation:registration-amend": lambda w: {"pk": w.registration.pk},
    "emulation_tools:upload": lambda w: {"pk": w.registration.pk},
    "emulation_tools:upload-confirm": lambda w: {"pk": w.registration.pk},
    "emulation_tools:upload-template": lambda w: {"pk": w.registration.pk},
    "initiatives:initiative-register": lambda w: {"unit_pk": w.tree.GIAY.pk},
    "initiatives:initiative-detail": lambda w: {"pk": w.initiative.pk},
    "initiatives:initiative-update": lambda w: {"pk": w.initiative.pk},
    "initiatives:initiative-archive": lambda w: {"pk": w.initiative.pk},
    "initiatives:initiative-apply": lambda w: {"pk": w.initiative.pk},
    "initiatives:initiative-review": lambda w: {"pk": w.initiative.pk},
    "initiatives:initiative-recognise": lambda w: {"pk": w.initiative.pk},
    "initiatives:initiative-reject": lambda w: {"pk": w.initiative.pk},
    "initiatives:duplicate-detail": lambda w: {"pk": w.duplicate_check.pk},
    "api-v1:initiative-detail": lambda w: {"initiative_id": w.initiative.pk},
    "api-v1:initiative-edit": lambda w: {"initiative_id": w.initiative.pk},
    "api-v1:initiative-apply": lambda w: {"initiative_id": w.initiative.pk},
    "api-v1:initiative-council-review": lambda w: {"initiative_id": w.initiative.pk},
    "api-v1:initiative-recognise": lambda w: {"initiative_id": w.initiative.pk},
    "api-v1:initiative-not-recognised": lambda w: {"initiative_id": w.initiative.pk},
    "api-v1:emulation-registration-detail": lambda w: {"registration_id": w.registration.pk},
    "api-v1:emulation-registration-submit": lambda w: {"registration_id": w.registration.pk},
    "api-v1:emulation-registration-acknowledge": lambda w: {"registration_id": w.registration.pk},
    "api-v1:emulation-registration-return": lambda w: {"registration_id": w.registration.pk},
    "api-v1:emulation-registration-rows": lambda w: {"registration_id": w.registration.pk},
    "api-v1:emulation-registration-amend": lambda w: {"registration_id": w.registration.pk},
    "enterprises:enterprise-detail": lambda w: {"pk": w.enterprise.pk},
    "enterprises:enterprise-update": lambda w: {"pk": w.enterprise.pk},
    "enterprises:enterprise-archive": lambda w: {"pk": w.enterprise.pk},
    "enterprises:survey-create": lambda w: {"pk": w.enterprise.pk},
    "enterprises:plan-create": lambda w: {"pk": w.enterprise.pk},
    "enterprises:progress-create": lambda w: {"pk": w.enterprise.pk},
    "enterprises:found": lambda w: {"pk": w.enterprise.pk},
    "enterprises:link": lambda w: {"pk": w.enterprise.pk},
    "enterprises:step": lambda w: {"pk": w.enterprise.pk, "name": "pause"},
    "areas:assign": lambda w: {"pk": w.tree.LD.pk},
    "areas:assignment-end": lambda w: {"pk": w.assignment.pk},
    "areas:officer-detail": lambda w: {"pk": w.assignment.officer_id},
    "supervision:inspection-detail": lambda w: {"pk": w.inspection.pk},
    "supervision:inspection-archive": lambda w: {"pk": w.inspection.pk},
    "supervision:recommendation-create": lambda w: {"pk": w.inspection.pk},
    "supervision:follow-up-create": lambda w: {"pk": w.recommendation.pk},
    "supervision:recommendation-step": lambda w: {"pk": w.recommendation.pk, "name": "close"},
    "api-v1:enterprise-detail": lambda w: {"enterprise_id": w.enterprise.pk},
    "api-v1:enterprise-pipeline": lambda w: {"unit_id": w.tree.LD.pk},
    "api-v1:inspection-detail": lambda w: {"inspection_id": w.inspection.pk},
    "reports:form-create": lambda w: {"phase_pk": w.report_form.phase_id},
    "reports:form-detail": lambda w: {"pk": w.report_form.pk},
    "reports:form-update": lambda w: {"pk": w.report_form.pk},
    "reports:form-publish": lambda w: {"pk": w.report_form.pk},
    "reports:form-close": lambda w: {"pk": w.report_form.pk},
    "reports:form-reopen": lambda w: {"pk": w.report_form.pk},
    "reports:indicator-create": lambda w: {"unit_pk": w.tree.TV.pk},
    "reports:indicator-archive": lambda w: {"pk": w.own_indicator.pk},
    "reports:report-detail": lambda w: {"pk": w.report.pk},
    "reports:report-entry": lambda w: {"pk": w.report.pk},
    "reports:report-submit": lambda w: {"pk": w.report.pk},
    "reports:report-approve": lambda w: {"pk": w.report.pk},
    "reports:report-finalise": lambda w: {"pk": w.report.pk},
    "reports:report-return": lambda w: {"pk": w.report.pk},
    "reports:report-reopen": lambda w: {"pk": w.report.pk},
    "reports:report-waive": lambda w: {"pk": w.report.pk},
    "reports:report-late-entry": lambda w: {"pk": w.report.pk},
    "reports:report-download": lambda w: {"pk": w.report.pk},
    "reports:report-upload": lambda w: {"pk": w.report.pk},
    "reports:report-upload-confirm": lambda w: {"pk": w.report.pk},
    "report_rollup:rollup": lambda w: {"form": w.report_form.pk},
    "report_rollup:rollup-xlsx": lambda w: {"form": w.report_form.pk},
    "report_rollup:rollup-document": lambda w: {"form": w.report_form.pk, "fmt": "pdf"},
    "report_rollup:completeness": lambda w: {"form": w.report_form.pk},
    "report_rollup:late": lambda w: {"form": w.report_form.pk},
    "report_rollup:remind": lambda w: {"form": w.report_form.pk},
    "api-v1:report-rollup": lambda w: {"form_id": w.report_form.pk},
    "api-v1:report-completeness": lambda w: {"form_id": w.report_form.pk},
    "api-v1:report-late": lambda w: {"form_id": w.report_form.pk},
    "union_fund:entry-correct": lambda w: {"pk": w.fund_entry.pk},
    "proposals:proposal-detail": lambda w: {"pk": w.proposal.pk},
    "proposals:proposal-update": lambda w: {"pk": w.proposal.pk},
    "proposals:proposal-send": lambda w: {"pk": w.proposal.pk},
    "proposals:proposal-receive": lambda w: {"pk": w.proposal.pk},
    "proposals:proposal-return": lambda w: {"pk": w.proposal.pk},
    "proposals:proposal-withdraw": lambda w: {"pk": w.proposal.pk},
    "proposals:proposal-forward": lambda w: {"pk": w.proposal.pk},
    "proposals:proposal-results": lambda w: {"pk": w.proposal.pk},
    "proposals:proposal-agenda": lambda w: {"pk": w.proposal.pk},
    "proposals:proposal-decide": lambda w: {"pk": w.proposal.pk},
    "proposals:nominee-export": lambda w: {"pk": w.proposal.pk},
    "proposals:nominee-add": lambda w: {"pk": w.proposal.pk},
    "proposals:nominee-add-suggested": lambda w: {"pk": w.proposal.pk},
    "proposals:nominee-import": lambda w: {"pk": w.proposal.pk},
    "proposals:nominee-import-confirm": lambda w: {"pk": w.proposal.pk},
    "proposals:nominee-import-template": lambda w: {"pk": w.proposal.pk},
    "proposals:proposal-letter": lambda w: {"pk": w.proposal.pk, "fmt": "docx"},
    "proposals:nominee-update": lambda w: {"pk": w.proposal.nominees.get().pk},
    "proposals:nominee-fill": lambda w: {"pk": w.proposal.nominees.get().pk},
    "proposals:nominee-remove": lambda w: {"pk": w.proposal.nominees.get().pk},
    "proposals:nominee-report": lambda w: {"pk": w.proposal.nominees.get().pk, "fmt": "docx"},
    "api-v1:proposal-detail": lambda w: {"proposal_id": w.proposal.pk},
    "api-v1:proposal-send": lambda w: {"proposal_id": w.proposal.pk},
    "union_fund:grant-detail": lambda w: {"pk": w.fund_grant.pk},
    "union_fund:grant-update": lambda w: {"pk": w.fund_grant.pk},
    "union_fund:grant-handover": lambda w: {"pk": w.fund_grant.pk},
    "union_fund:grant-archive": lambda w: {"pk": w.fund_grant.pk},
    "api-v1:report-form-detail": lambda w: {"form_id": w.report_form.pk},
    "api-v1:report-form-close": lambda w: {"form_id": w.report_form.pk},
    "api-v1:report-form-reopen": lambda w: {"form_id": w.report_form.pk},
    "api-v1:unit-own-indicators": lambda w: {"unit_id": w.tree.TV.pk},
    "api-v1:own-indicator-archive": lambda w: {"indicator_id": w.own_indicator.pk},
    "api-v1:expected-report-detail": lambda w: {"report_id": w.report.pk},
    "api-v1:expected-report-values": lambda w: {"report_id": w.report.pk},
    "api-v1:expected-report-submit": lambda w: {"report_id": w.report.pk},
    "api-v1:expected-report-approve": lambda w: {"report_id": w.report.pk},
    "api-v1:expected-report-return": lambda w: {"report_id": w.report.pk},
    "congresses:congress-detail": lambda w: {"pk": w.congress.pk},
    "congresses:congress-hold": lambda w: {"pk": w.congress.pk},
    "congresses:congress-cancel": lambda w: {"pk": w.congress.pk},
    "activities:activity-detail": lambda w: {"pk": w.activity.pk},
    "activities:activity-update": lambda w: {"pk": w.activity.pk},
    "activities:activity-archive": lambda w: {"pk": w.activity.pk},
    "api-v1:rewards-decision-detail": lambda w: {"decision_id": w.reward_decision.pk},
    "api-v1:rewards-person-records": lambda w: {"person_id": w.people.pham_binh.pk},
    "api-v1:rewards-unit-records": lambda w: {"unit_id": w.tree.GIAY.pk},
    "rewards:decision-detail": lambda w: {"pk": w.reward_decision.pk},
    "certificates:decision": lambda w: {"pk": w.reward_decision.pk},
    "certificates:issue": lambda w: {"pk": w.reward_decision.pk},
    "certificates:batch-start": lambda w: {"pk": w.reward_decision.pk},
    "certificates:decision-export": lambda w: {"pk": w.reward_decision.pk},
    "certificates:batch-status": lambda w: {"pk": tv_certificates(w).batch.pk},
    "certificates:batch-download": lambda w: {"pk": tv_certificates(w).batch.pk},
    "certificates:certificate-pdf": lambda w: {"pk": tv_certificates(w).certificate.pk},
    "certificates:layout-edit": lambda w: {"pk": tv_certificates(w).layout.pk},
    "certificates:layout-test-page": lambda w: {"pk": tv_certificates(w).layout.pk},
    "certificates:layout-archive": lambda w: {"pk": tv_certificates(w).layout.pk},
    "api-v1:certificate-decision": lambda w: {"decision_id": w.reward_decision.pk},
    "api-v1:certificate-issue": lambda w: {"decision_id": w.reward_decision.pk},
    "rewards:decision-update": lambda w: {"pk": w.reward_decision.pk},
    "rewards:line-add": lambda w: {"pk": w.reward_decision.pk},
    "rewards:line-remove": lambda w: {
        "pk": w.reward_decision.pk,
        "line_pk": w.reward_decision.lines.get().pk,
    },
    "rewards:decision-issue": lambda w: {"pk": w.reward_decision.pk},
    "rewards:decision-archive": lambda w: {"pk": w.reward_decision.pk},
    "rewards:decision-document": lambda w: {"pk": w.reward_decision.pk, "fmt": "pdf"},
    "rewards:register-update": lambda w: {"pk": w.reward_decision.register_id},
    "rewards:record-revoke": lambda w: {"pk": w.reward_decision.lines.get().record.pk},
    # councils: the Trà Vinh council and its session, made on first use (tests/councils/builders.py)
    "councils:council-list": lambda w: {"unit_pk": w.tree.TV.pk},
    "councils:council-create": lambda w: {"unit_pk": w.tree.TV.pk},
    "councils:council-detail": lambda w: {"pk": tv_session(w).council_id},
    "councils:council-update": lambda w: {"pk": tv_session(w).council_id},
    "councils:council-archive": lambda w: {"pk": tv_session(w).council_id},
    "councils:session-update": lambda w: {"pk": tv_session(w).pk},
    "councils:member-create": lambda w: {"pk": tv_session(w).council_id},
    "councils:member-update": lambda w: {"pk": tv_session(w).council_id, "member_pk": tv_member(w).pk},
    "councils:member-archive": lambda w: {"pk": tv_session(w).council_id, "member_pk": tv_member(w).pk},
    "councils:session-create": lambda w: {"pk": tv_session(w).council_id},
    "councils:session-detail": lambda w: {"pk": tv_session(w).pk},
    "councils:item-create": lambda w: {"pk": tv_session(w).pk},
    "councils:session-attendance": lambda w: {"pk": tv_session(w).pk},
    "councils:session-open": lambda w: {"pk": tv_session(w).pk},
    "councils:session-close": lambda w: {"pk": tv_session(w).pk},
    "councils:session-paper-tally": lambda w: {"pk": tv_session(w).pk},
    "councils:session-written-opinions": lambda w: {"pk": tv_session(w).pk},
    "councils:session-ballot": lambda w: {"pk": tv_session(w).pk},
    "councils:session-receipt": lambda w: {"pk": tv_session(w).pk},
    "councils:session-results-export": lambda w: {"pk": tv_session(w).pk},
    "councils:session-minutes": lambda w: {"pk": tv_session(w).pk, "fmt": "docx"},
    "councils:item-archive": lambda w: {"item_pk": tv_session(w).items.get().pk},
    "councils:item-recusal": lambda w: {"item_pk": tv_session(w).items.get().pk},
    "api-v1:council-detail": lambda w: {"council_id": tv_session(w).council_id},
    "api-v1:council-session-detail": lambda w: {"session_id": tv_session(w).pk},
    "eligibility:person-verdict": lambda w: {"pk": w.people.pham_binh.pk},
    "eligibility:unit-verdict": lambda w: {"pk": w.tree.GIAY.pk},
    "eligibility:unit-year": lambda w: {"pk": w.tree.GIAY.pk},
    "eligibility:rating-import": lambda w: {"pk": w.tree.GIAY.pk, "year": 2017},
    "eligibility:rating-import-confirm": lambda w: {"pk": w.tree.GIAY.pk, "year": 2017},
    "eligibility:rating-import-template": lambda w: {"pk": w.tree.GIAY.pk, "year": 2017},
    "eligibility:person-exclusion-create": lambda w: {"pk": w.people.pham_binh.pk},
    "eligibility:person-rating-create": lambda w: {"pk": w.people.pham_binh.pk},
    "eligibility:unit-exclusion-create": lambda w: {"pk": w.tree.GIAY.pk},
    "eligibility:unit-rating-create": lambda w: {"pk": w.tree.GIAY.pk},
    "eligibility:override-withdraw": lambda w: {"pk": w.override.pk},
    "exemplars:exemplar-create": lambda w: {"unit_pk": w.tree.GIAY.pk},
    "exemplars:exemplar-detail": lambda w: {"pk": tv_exemplars(w).exemplar.pk},
    "exemplars:exemplar-update": lambda w: {"pk": tv_exemplars(w).exemplar.pk},
    "exemplars:exemplar-archive": lambda w: {"pk": tv_exemplars(w).exemplar.pk},
    "exemplars:photo-add": lambda w: {"pk": tv_exemplars(w).exemplar.pk},
    "exemplars:replication-create": lambda w: {"pk": tv_exemplars(w).exemplar.pk},
    "exemplars:replication-update": lambda w: {"pk": tv_exemplars(w).replication.pk},
    "exemplars:replication-archive": lambda w: {"pk": tv_exemplars(w).replication.pk},
    "exemplars:board-create": lambda w: {"unit_pk": w.tree.TV.pk},
    "exemplars:board-detail": lambda w: {"pk": tv_exemplars(w).board.pk},
    "exemplars:board-export": lambda w: {"pk": tv_exemplars(w).board.pk},
    "exemplars:board-update": lambda w: {"pk": tv_exemplars(w).board.pk},
    "exemplars:board-archive": lambda w: {"pk": tv_exemplars(w).board.pk},
    "api-v1:exemplar-detail": lambda w: {"exemplar_id": tv_exemplars(w).exemplar.pk},
    "clusters:cluster-detail": lambda w: {"pk": tv_cluster(w).pk},
    "clusters:cluster-update": lambda w: {"pk": tv_cluster(w).pk},
    "clusters:member-add": lambda w: {"pk": tv_cluster(w).pk},
    "clusters:member-end": lambda w: {"pk": tv_cluster(w).memberships.get().pk},
    "clusters:leaders-set": lambda w: {"pk": tv_cluster(w).pk},
    "clusters:covenant-create": lambda w: {"pk": tv_cluster(w).pk},
    "clusters:covenant-detail": lambda w: {"pk": tv_covenant(w).pk},
    "clusters:criterion-add": lambda w: {"pk": tv_covenant(w).pk},
    "clusters:criterion-update": lambda w: {"pk": tv_covenant(w).criteria.get().pk},
    "clusters:covenant-sign": lambda w: {"pk": tv_covenant(w).pk},
    "clusters:score-grid": lambda w: {"pk": tv_covenant(w).pk},
    "clusters:ranking": lambda w: {"pk": tv_covenant(w).pk},
    "clusters:ranking-export": lambda w: {"pk": tv_covenant(w).pk},
    "clusters:meeting": lambda w: {"pk": tv_cluster(w).pk},
    "clusters:meeting-votes": lambda w: {"pk": tv_cluster(w).meetings.get().pk},
    "clusters:meeting-send": lambda w: {"pk": tv_cluster(w).meetings.get().pk},
    "api-v1:cluster-detail": lambda w: {"cluster_id": tv_cluster(w).pk},
    "api-v1:covenant-ranking": lambda w: {"covenant_id": tv_covenant(w).pk},
    "api-v1:covenant-scores": lambda w: {"covenant_id": tv_covenant(w).pk},
}
# The query string some object routes need to answer at all (without it they are 404 for everyone).
OBJECT_ROUTE_QUERIES = {
    "orgs:unit-search": "?purpose=parent&field=new_parent&q=lien doan",
    "emulation:person-search": "?field=people-0-person&q=binh",
}
# Routes whose arguments name no object (a kind of file): checked like the lists, with these arguments.
ROUTES_WITHOUT_OBJECTS: dict[str, dict] = {
    "orgs:import-template": {"kind": "people"},
    "works:congress-document": {"fmt": "xlsx"},
}

# Lists that show the outsider Trà Vinh's data: proof that the absence checks above could see a leak.
LISTS_SHOWING_THE_BRANCH = {
    "orgs:person-list": "Phạm Văn Bình",
    "api-v1:person-list": "Phạm Văn Bình",
    "api-v1:unit-list": "Công đoàn cơ sở Công ty TNHH Giày Trà Vinh",
    "orgs:person-export": "Phạm Văn Bình",  # an .xlsx file: read through openpyxl
    "orgs:transfer-request-list": "Phạm Văn Bình",
    "orgs:restructuring-list": "Công đoàn cơ sở Công ty TNHH Giày Trà Vinh",
    "api-v1:transfer-request-list": "Phạm Văn Bình",
    "orgs:unit-tree": "Liên đoàn Lao động tỉnh Trà Vinh",
    "plans:plan-list": "LĐLĐ Trà Vinh",
    "notices:notice-list": "Nhắc Liên đoàn Lao động tỉnh Trà Vinh triển khai kế hoạch",
    "home:dashboard": "Nhắc Liên đoàn Lao động tỉnh Trà Vinh triển khai kế hoạch",
    "api-v1:plan-list": "Liên đoàn Lao động tỉnh Trà Vinh",
    "registrations:catalog": "LĐLĐ Trà Vinh",
    "works:topic-list": "Cải tiến quy trình may mũ giày tại Công ty TNHH Giày Trà Vinh",
    "works:topic-export": "Cải tiến quy trình may mũ giày tại Công ty TNHH Giày Trà Vinh",
    "works:work-list": "Nhà Mái ấm Công đoàn – Công ty TNHH Giày Trà Vinh",
    "works:work-export": "Nhà Mái ấm Công đoàn – Công ty TNHH Giày Trà Vinh",
    "works:congress-list": "Đại hội Công đoàn tỉnh Trà Vinh",
    "works:topic-import-template": "Công đoàn cơ sở Công ty TNHH Giày Trà Vinh",  # its units' drop-down
    "works:work-import-template": "Công đoàn cơ sở Công ty TNHH Giày Trà Vinh",
    "api-v1:research-topic-list": "Cải tiến quy trình may mũ giày tại Công ty TNHH Giày Trà Vinh",
    "api-v1:congress-work-list": "Nhà Mái ấm Công đoàn – Công ty TNHH Giày Trà Vinh",
    "emulation:registration-list": "Công đoàn cơ sở Công ty TNHH Giày Trà Vinh",
    "emulation_tools:rollup": "Công đoàn các Khu công nghiệp Trà Vinh",
    "emulation_tools:rollup-export": "Công đoàn các Khu công nghiệp Trà Vinh",
    "api-v1:registration-rollup": "Công đoàn các Khu công nghiệp Trà Vinh",
    "emulation:registration-export": "Phạm Văn Bình",  # an .xlsx file: read through openpyxl
    "initiatives:initiative-list": "CĐCS Giày Trà Vinh",
    "initiatives:initiative-export": "Công đoàn cơ sở Công ty TNHH Giày Trà Vinh",
    "initiatives:duplicate-list": "CĐCS Giày Trà Vinh",
    "api-v1:initiative-list": "Công đoàn cơ sở Công ty TNHH Giày Trà Vinh",
    "api-v1:emulation-registration-list": "Công đoàn cơ sở Công ty TNHH Giày Trà Vinh",
    "enterprises:enterprise-list": "Công ty TNHH Giày da Trà Vinh Hai",
    "enterprises:enterprise-export": "Công ty TNHH Giày da Trà Vinh Hai",
    "enterprises:pipeline": "Công ty TNHH Giày da Trà Vinh Hai",
    "api-v1:enterprise-list": "Công ty TNHH Giày da Trà Vinh Hai",
    "areas:assignment-list": "Công đoàn cơ sở Công ty TNHH Giày Trà Vinh",
    "api-v1:area-assignment-list": "Công đoàn cơ sở Công ty TNHH Giày Trà Vinh",
    "supervision:inspection-list": "Công ty TNHH Giày da Trà Vinh Hai",
    "supervision:overdue-list": "Trả lương làm thêm giờ đúng quy định tại Giày Trà Vinh",
    "api-v1:inspection-list": "Trả lương làm thêm giờ đúng quy định tại Giày Trà Vinh",
    "api-v1:recommendation-overdue-list": "Trả lương làm thêm giờ đúng quy định tại Giày Trà Vinh",
    "reports:report-list": "Công đoàn cơ sở Công ty TNHH Giày Trà Vinh",
    "reports:form-list": "Liên đoàn Lao động tỉnh Trà Vinh",
    "report_rollup:form-list": "LĐLĐ Trà Vinh",
    "union_fund:ledger": "Phạm Văn Bình",
    "proposals:proposal-list": "Đề nghị khen thưởng đột xuất CĐCS Giày Trà Vinh",
    "proposals:proposal-export": "Đề nghị khen thưởng đột xuất CĐCS Giày Trà Vinh",
    "api-v1:proposal-list": "Đề nghị khen thưởng đột xuất CĐCS Giày Trà Vinh",
    "union_fund:ledger-export": "Phạm Văn Bình",
    "union_fund:grant-list": "Phạm Văn Bình",
    "union_fund:houses": "Phạm Văn Bình",
    "congresses:progress": "Công đoàn các Khu công nghiệp Trà Vinh",
    "congresses:unit-list": "Công đoàn cơ sở Công ty TNHH Giày Trà Vinh",
    "congresses:unit-export": "Công đoàn cơ sở Công ty TNHH Giày Trà Vinh",
    "activities:activity-list": "Hội thao công nhân Giày Trà Vinh",
    "activities:activity-export": "Hội thao công nhân Giày Trà Vinh",
    "api-v1:activity-list": "Hội thao công nhân Giày Trà Vinh",
    "union_fund:report": "Công đoàn các Khu công nghiệp Trà Vinh",
    "union_fund:report-export": "Công đoàn các Khu công nghiệp Trà Vinh",
    "api-v1:fund-entry-list": "Phạm Văn Bình",
    "api-v1:fund-grant-list": "Phạm Văn Bình",
    "api-v1:report-form-list": "Liên đoàn Lao động tỉnh Trà Vinh",
    "api-v1:expected-report-list": "Công đoàn cơ sở Công ty TNHH Giày Trà Vinh",
    "api-v1:rewards-decision-list": "Liên đoàn Lao động tỉnh Trà Vinh",
    "rewards:decision-list": "Về việc khen thưởng Giày Trà Vinh",
    "rewards:register-list": "Liên đoàn Lao động tỉnh Trà Vinh",
    "rewards:record-list": "Phạm Văn Bình",
    "rewards:record-export": "Phạm Văn Bình",
    "clusters:cluster-list": "Khối thi đua các công đoàn ngành Trà Vinh",
    "clusters:cluster-export": "Khối thi đua các công đoàn ngành Trà Vinh",
    "api-v1:cluster-list": "Khối thi đua các công đoàn ngành Trà Vinh",
}


@dataclass(frozen=True)
class Route:
    name: str | None
    namespace: str
    pattern: str
    arguments: tuple[str, ...]

    def __str__(self) -> str:
        return self.name or self.pattern


def _arguments(pattern) -> list[str]:
    converters = getattr(pattern, "converters", None)
    if converters:
        return list(converters)
    regex = pattern.regex
    return list(regex.groupindex) or [f"arg{i}" for i in range(regex.groups)]


def iter_routes(resolver=None, prefix: str = "", namespace: str = "", arguments=()) -> Iterator[Route]:
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        args = (*arguments, *_arguments(entry.pattern))
        if isinstance(entry, URLResolver):
            ns = ":".join(filter(None, [namespace, entry.namespace or ""]))
            yield from iter_routes(entry, prefix + str(entry.pattern), ns, args)
        elif isinstance(entry, URLPattern):
            name = ":".join(filter(None, [namespace, entry.name])) if entry.name else None
            yield Route(name, namespace, prefix + str(entry.pattern), tuple(args))


def is_public(route: Route) -> bool:
    if route.namespace.split(":")[0] in PUBLIC_NAMESPACES:
        return True
    if route.name is None:
        return route.pattern.startswith(PUBLIC_UNNAMED_PREFIXES)
    return route.name in PUBLIC_ROUTES


ROUTES = list(iter_routes())
SCOPED = [r for r in ROUTES if not is_public(r)]
OBJECT = [r for r in SCOPED if r.arguments and r.name in OBJECT_ROUTES]
LISTS = [r for r in SCOPED if r.name and (not r.arguments or r.name in ROUTES_WITHOUT_OBJECTS)]


@pytest.fixture
def world(tree, people, users, django_user_model):
    """The standard tree plus what only the Trà Vinh branch holds: a task and an API token of the outsider, a
    role on the GIAY union, a research topic of it with a file attached, and a congress work."""
    topic = register_research_topic(
        tree.GIAY, by=None, title="Cải tiến quy trình may mũ giày tại Công ty TNHH Giày Trà Vinh", level="grassroots",
        lead_name="Phạm Văn Bình", start_on=D(2017, 3, 1), end_on=D(2017, 12, 31),
    )  # fmt: skip
    work = register_congress_work(
        tree.GIAY, by=None, name="Nhà Mái ấm Công đoàn – Công ty TNHH Giày Trà Vinh", kind="welfare",
        value_vnd=50_000_000, congress_name="Đại hội Công đoàn tỉnh Trà Vinh", congress_term="2018 – 2023",
        planned_on=D(2018, 6, 30),
    )  # fmt: skip
    attachment = core_actions.attach_file(
        topic, SimpleUploadedFile("Biên bản Giày Trà Vinh.pdf", b"%PDF-1.4\n%%EOF\n"), by=None
    )
    task = Task.objects.create(
        kind="orgs.import_people", title="Nhập người lao động Trà Vinh", created_by=users.outsider
    )
    ocr_task = Task.objects.create(kind="plans.import_ocr", title="Nhận dạng chữ bản quét của Trà Vinh",
                                   created_by=users.outsider)  # fmt: skip
    token, _ = api_actions.create_api_token(users.outsider, by=users.outsider, name="Khóa của Trà Vinh")
    viewer = django_user_model.objects.create_user("giay_viewer", password="x")
    role = org_actions.grant_role(viewer, tree.GIAY, "viewer", by=None)
    # drafted by the outsider (an officer), issued by the system: only a leader issues; delivered below Trà Vinh
    plan = issue_plan(draft_plan(tree.TV, by=users.outsider), by=None, date=D(2017, 2, 22))
    draft = draft_plan(tree.TV, by=users.outsider, number=14)
    notice = Notice.objects.create(unit=tree.TV, kind="reminder",
                                   title="Nhắc Liên đoàn Lao động tỉnh Trà Vinh triển khai kế hoạch")  # fmt: skip
    # A transfer request inside the branch: a second union of Trà Vinh asks for Phạm Văn Bình.
    fishery = org_actions.create_unit(tree.LD, by=None, code="THUYSAN", name="Công đoàn cơ sở Công ty Thủy sản",
                                      level="grassroots", sector="private")  # fmt: skip
    fishery_officer = django_user_model.objects.create_user("thuysan_officer", password="x")
    org_actions.grant_role(fishery_officer, fishery, "officer", by=None)
    transfer = org_actions.request_transfer(by=fishery_officer, to_unit=fishery, national_id="084087000009",
                                            full_name="Phạm Văn Bình")  # fmt: skip
    # A merger of that union into Giày Trà Vinh, prepared by the outsider (an officer of the province above).
    restructuring = org_actions.prepare_restructuring(by=users.outsider, kind="merge", units=[fishery],
                                                      target=tree.GIAY, effective_on=timezone.localdate())  # fmt: skip
    regulation, rule = federation_layer(
        tree.TV, quotas=[{"percent": 10, "of": "lao-dong-tien-tien"}]
    )  # its own layer
    # Trà Vinh's emulation registration of 2017, sent up: Phạm Văn Bình aims for Lao động tiên tiến.
    registration = registrations_actions.open_registration(
        tree.GIAY, by=None, year=2017, today=D(2017, 1, 10)
    )
    registrations_actions.save_registration(registration, by=None, targets=[], people=[
        {"person": people.pham_binh, "award": Award.objects.get(code="lao-dong-tien-tien")}])  # fmt: skip
    registrations_actions.submit_registration(registration, by=None, today=D(2017, 1, 12))
    # Two like initiatives in Trà Vinh's branch (registered by the system): a duplicate check sent up to LD.
    initiative = register_initiative(tree.GIAY, by=None, authors=[AuthorInput(share=100, person_id=people.pham_binh.pk)],
                                     title="Cải tiến máy gò giày Trà Vinh", field="technical", problem="Máy gò chậm.",
                                     solution="Lắp thêm cảm biến.", registered_on=D(2017, 3, 1))  # fmt: skip
    register_initiative(tree.LD, by=None, authors=[AuthorInput(share=100, name="Phạm Văn Bình")],
                        title="Cải tiến máy gò giày Trà Vinh", field="technical", problem="Máy gò chậm.",
                        solution="Lắp thêm cảm biến.", registered_on=D(2017, 3, 2))  # fmt: skip
    duplicate_check = DuplicateCheck.objects.get(match=initiative)
    # An enterprise followed by LD, stalled since 2017, its officer, and an inspection with an overdue recommendation.
    enterprise = enterprise_actions.register_enterprise(
        by=None, upper_unit=tree.LD, tax_code="0100233488", name="Công ty TNHH Giày da Trà Vinh Hai",
        ownership="fdi", today=D(2017, 3, 1),
    )  # fmt: skip
    ld_officer = django_user_model.objects.create_user("ld_officer", password="x", first_name="Thạch",
                                                       last_name="Sô Phal")  # fmt: skip
    org_actions.grant_role(ld_officer, tree.LD, "officer", by=None)
    assignment = enterprise_actions.assign_officer(by=None, upper_unit=tree.LD, officer=ld_officer, unit=tree.GIAY,
                                                   started_on=D(2017, 1, 1))  # fmt: skip
    inspection = enterprise_actions.record_inspection(
        by=None, upper_unit=tree.LD, subject_enterprise=enterprise, kind="joint", held_on=D(2017, 5, 10),
        topics="Pháp luật lao động", team="Đoàn liên ngành", state_bodies="Sở Lao động",
        recommendations=[{"content": "Trả lương làm thêm giờ đúng quy định tại Giày Trà Vinh",
                          "responsible": "Giám đốc công ty", "deadline": D(2017, 8, 1)}],
    )  # fmt: skip
    enterprise_actions.record_inspection(by=None, upper_unit=tree.LD, subject_unit=tree.GIAY, kind="supervision",
                                         held_on=D(2017, 6, 1), topics="Luật Công đoàn", team="Đoàn giám sát")  # fmt: skip
    recommendation = inspection.recommendations.get()
    # Trà Vinh's phase report form for phase 1 of its plan, published: Giày Trà Vinh owes a report, with a figure.
    report_form = reports_actions.create_form(
        plan.phases.order_by("order").first(), by=None, indicators=list(Indicator.objects.filter(code="TC01")),
        due_on=timezone.localdate() + datetime.timedelta(days=30),
    )  # fmt: skip
    reports_actions.publish_form(report_form, by=None)
    report = ExpectedReport.objects.get(form=report_form, unit=tree.GIAY)
    reports_actions.save_values(report, by=None, entries={"TC01": {"value": 120}})
    own_indicator = reports_actions.create_own_indicator(tree.TV, by=None, code="TV.NHA01", unit_of_measure="so_luong",
                                                         name="Nhà “Mái ấm Công đoàn” khởi công", count_word="căn",
                                                         aggregation="sum")  # fmt: skip
    # Trà Vinh's "Mái ấm Công đoàn" fund: Phạm Văn Bình contributes, and a house is built for him in 2017.
    fund_entry = fund_actions.record_contribution(tree.GIAY, by=None, amount=2_000_000, entry_date=D(2017, 3, 1),
                                                  contributor_name="Phạm Văn Bình", receipt_number="PT-TV-01")  # fmt: skip
    fund_grant = fund_actions.record_grant(tree.LD, by=None, kind="house_new", beneficiary_name="Phạm Văn Bình",
                                           approval_number="9/QĐ-TV", approved_on=D(2017, 4, 1), amount=50_000_000,
                                           province_code="86", ward_code=_a_ward("86"),
                                           handed_over_on=timezone.localdate().replace(month=1, day=2))  # fmt: skip
    # Giày Trà Vinh's congress of the 2017–2022 term, scheduled by LD and held; and one of its activities.
    congress = congress_actions.schedule_congress(tree.GIAY, by=None, scheduled_by=tree.LD, term_start=2017,
                                                  term_end=2022, planned_on=D(2017, 5, 1))  # fmt: skip
    congress_actions.record_congress_held(
        congress, by=None, held_on=D(2017, 5, 2), delegates=60, committee_size=7
    )
    activity = activity_actions.record_activity(tree.GIAY, by=None, kind="culture_sports", start_on=D(2017, 7, 1),
                                                title="Hội thao công nhân Giày Trà Vinh", participants=200, women=90)  # fmt: skip
    # Trà Vinh's reward decision of 2017: Phạm Văn Bình, Lao động tiên tiến.
    reward_register = reward_actions.create_register(tree.TV, by=None, year=2017, symbol="QĐ-LĐLĐ")
    reward_decision = reward_actions.issue_decision(reward_actions.create_decision(
        reward_register, by=None, decided_on=D(2017, 12, 20), title="Về việc khen thưởng Giày Trà Vinh",
        lines=[reward_actions.LineInput(award="lao-dong-tien-tien", year=2017, person=people.pham_binh)],
    ), by=None)  # fmt: skip
    # Giày Trà Vinh proposes Phạm Văn Bình to CĐ KCN Trà Vinh (sent), with his dossier.
    proposal = proposal_actions.create_proposal(tree.GIAY, by=None, kind=RewardKind.objects.get(code="dot-xuat"),
                                                year=2017, title="Đề nghị khen thưởng đột xuất CĐCS Giày Trà Vinh")  # fmt: skip
    proposal_actions.add_nominee(proposal, by=None, person=people.pham_binh, award=Award.objects.get(
        code="giay-khen-cap-tren"), summary="Phạm Văn Bình cứu người")  # fmt: skip
    proposal_actions.send_proposal(proposal, by=None)
    tv_cluster(SimpleNamespace(tree=tree, people=people, users=users))  # a cluster of Trà Vinh, for the lists
    # Giày Trà Vinh's officer forced Phạm Văn Bình's 2017 verdict, with the reason.
    override = eligibility_actions.override_verdict(people.pham_binh, Award.objects.get(code="lao-dong-tien-tien"),
                                                    2017, by=None, unit=tree.GIAY, outcome="eligible",
                                                    reason="Hội đồng CĐCS Giày Trà Vinh xác nhận thành tích.")  # fmt: skip
    return SimpleNamespace(own_indicator=own_indicator, override=override, proposal=proposal, reward_decision=reward_decision, report_form=report_form, report=report, tree=tree, people=people, users=users, task=task, ocr_task=ocr_task, token=token, role=role, plan=plan,
                           draft=draft, notice=notice, transfer=transfer, regulation=regulation,
                           rule=rule, attachment=attachment, registration=registration, topic=topic,
                           work=work, restructuring=restructuring,
                           initiative=initiative, duplicate_check=duplicate_check, enterprise=enterprise,
                           assignment=assignment, inspection=inspection, recommendation=recommendation,
                           fund_entry=fund_entry, fund_grant=fund_grant, congress=congress, activity=activity)  # fmt: skip


def _a_ward(province: str) -> str:
    from thidua.orgs.localities import ward_choices

    return ward_choices(province)[0][0]


def object_url(route: Route, world) -> str:
    return reverse(route.name, kwargs=OBJECT_ROUTES[route.name](world)) + OBJECT_ROUTE_QUERIES.get(
        route.name, ""
    )


def readable(response) -> str:
    """What a person or a program would read in the response, whatever its format."""
    content_type = response.get("Content-Type", "")
    if response.status_code in (301, 302, 303, 307, 308):
        return response.get("Location", "")
    body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    if "spreadsheetml" in content_type:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
        )
    if "json" in content_type:
        return json.dumps(json.loads(body or b"null"), ensure_ascii=False)
    if content_type.startswith("text/") or not body:
        return body.decode()
    raise AssertionError(
        f"The scope matrix cannot read a {content_type!r} response; teach readable() to turn it into text."
    )


# --- completeness ---------------------------------------------------------------------------------------------


def test_every_route_is_in_the_matrix():
    unnamed = [r.pattern for r in SCOPED if r.name is None]
    assert not unnamed, f"Give these routes a name (or list them in PUBLIC_UNNAMED_PREFIXES): {unnamed}"
    missing = sorted(
        r.name
        for r in SCOPED
        if r.arguments and r.name not in OBJECT_ROUTES and r.name not in ROUTES_WITHOUT_OBJECTS
    )
    assert not missing, (
        "These routes take arguments but are not in the scope matrix. Add each to OBJECT_ROUTES in "
        f"tests/test_scope_matrix.py, pointing at an object of the Trà Vinh branch: {missing}"
    )


def test_the_matrix_names_only_routes_that_exist():
    names = {r.name for r in ROUTES}
    assert sorted(set(OBJECT_ROUTES) - names) == []
    assert sorted(set(OBJECT_ROUTE_QUERIES) - set(OBJECT_ROUTES)) == []
    assert sorted(set(ROUTES_WITHOUT_OBJECTS) - names) == []
    assert sorted(set(LISTS_SHOWING_THE_BRANCH) - names) == []
    assert sorted(PUBLIC_ROUTES - names) == []


def test_the_matrix_covers_pages_and_api():
    names = {r.name for r in OBJECT + LISTS}
    assert {"orgs:person-detail", "orgs:person-list", "api-v1:person-detail", "api-v1:unit-list"} <= names


# --- routes that take an object -------------------------------------------------------------------------------


@pytest.mark.parametrize("route", OBJECT, ids=str)
def test_other_branch_gets_404_from_object_route(route, world, client):
    url = object_url(route, world)
    for username in BEN_TRE_USERS:
        client.force_login(getattr(world.users, username))
        answered = []
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if response.status_code == 405:
                continue
            answered.append(method)
            assert response.status_code == 404, (
                f"{method.upper()} {url} ({route.name}) as {username}: {response.status_code}, expected 404"
            )
        assert answered, f"{url} ({route.name}) answers neither GET nor POST"


@pytest.mark.parametrize("route", OBJECT, ids=str)
def test_user_of_the_branch_reaches_object_route(route, world, client):
    url = object_url(route, world)
    client.force_login(getattr(world.users, TRA_VINH_USER))
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url)
    assert response.status_code not in (404, 405), (
        f"{url} ({route.name}) as {TRA_VINH_USER}: {response.status_code}"
    )
    assert response.status_code < 500


# --- routes without arguments ---------------------------------------------------------------------------------


@pytest.mark.parametrize("route", LISTS, ids=str)
def test_route_without_arguments_shows_nothing_of_another_branch(route, world, client):
    base = reverse(route.name, kwargs=ROUTES_WITHOUT_OBJECTS.get(route.name))
    for username in BEN_TRE_USERS:
        client.force_login(getattr(world.users, username))
        requests = [("get", base + search) for search in LIST_SEARCHES] + [("post", base)]
        for method, url in requests:
            response = getattr(client, method)(url)
            if response.status_code == 405:
                continue
            assert response.status_code < 500, f"{method.upper()} {url} as {username}: {response.status_code}"
            text = readable(response)
            leaked = [name for name in TRA_VINH_NAMES if name in text]
            assert not leaked, f"{method.upper()} {url} ({route.name}) as {username} shows {leaked}"


@pytest.mark.parametrize("name", sorted(LISTS_SHOWING_THE_BRANCH))
def test_list_shows_the_branch_to_its_own_user(name, world, client):
    client.force_login(world.users.outsider)
    assert LISTS_SHOWING_THE_BRANCH[name] in readable(client.get(reverse(name)))


# --- the admin ------------------------------------------------------------------------------------------------


def _admin_urls(world, suffixes=("_changelist", "_add")) -> list[str]:
    """The admin's index, its lists and forms, and the change pages of a Trà Vinh unit and person."""
    urls = [reverse("admin:index")]
    for route in ROUTES:
        if (
            route.namespace == "admin"
            and route.name
            and route.name.endswith(suffixes)
            and not route.arguments
        ):
            urls.append(reverse(route.name))
    urls.append(reverse("admin:orgs_unit_change", args=[world.tree.GIAY.pk]))
    urls.append(reverse("admin:orgs_person_change", args=[world.people.pham_binh.pk]))
    return urls


@pytest.mark.parametrize("username", [*BEN_TRE_USERS, TRA_VINH_USER])
def test_admin_sends_everyone_but_system_administrators_to_login(username, world, client):
    client.force_login(getattr(world.users, username))
    for url in _admin_urls(world):
        response = client.get(url)
        assert response.status_code == 302, f"{url} as {username}: {response.status_code}"
        assert response["Location"].startswith("/quan-tri/login/?next="), f"{url} as {username}"


def test_admin_opens_for_a_system_administrator(world, client):
    assert world.users.admin.is_superuser
    client.force_login(world.users.admin)
    for url in _admin_urls(world, suffixes=("_changelist",)):
        assert client.get(url).status_code == 200, url
