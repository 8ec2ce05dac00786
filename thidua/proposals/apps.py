from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "thidua.proposals"
    label = "proposals"
    verbose_name = _("Đề nghị khen thưởng")

    def ready(self):
        from thidua.core.attachments import register_attachable
        from thidua.core.audit import name_verbs
        from thidua.core.notify import name_kinds

        from . import permissions
        from .models import Nominee, Proposal, ProposalNotice

        name_verbs({
            "send": _("Gửi đề nghị khen thưởng"), "receive": _("Tiếp nhận đề nghị khen thưởng"),
            "return": _("Trả lại"), "complete": _("Kết thúc xử lý đề nghị"),
            "commend": _("Khen thưởng tại cấp mình"), "withdraw": _("Rút đề nghị"),
            "forward": _("Trình cấp trên"), "approve_nominee": _("Ghi kết quả: được khen thưởng"),
            "reject_nominee": _("Ghi kết quả: không được khen thưởng"),
            "to_council": _("Đưa vào phiên họp Hội đồng thi đua – khen thưởng"),
        })  # fmt: skip
        name_kinds(dict(ProposalNotice.choices))
        register_attachable(
            Proposal,
            readable=lambda user: Proposal.objects.visible_to(user).select_related("unit"),
            can_attach=permissions.can_attach_to_proposal,
            unit_path=lambda proposal: proposal.unit.path,
            parts=True,
        )
        register_attachable(
            Nominee,
            readable=lambda user: Nominee.objects.visible_to(user).select_related("proposal__unit"),
            can_attach=permissions.can_attach_to_nominee,
            unit_path=lambda nominee: nominee.proposal.unit.path,
            parts=True,
        )
