"""Back office of the 救灾 registers: drafted by editors, published through the shared lifecycle."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from loudi_portal.areas import County
from loudi_portal.publishing_admin import PublishableAdmin

from .models import DisasterLoss, Donation


class LossForm(forms.ModelForm):
    counties = forms.MultipleChoiceField(
        label=_("受灾县市区"), choices=County.choices, widget=forms.CheckboxSelectMultiple, required=False
    )


@admin.register(DisasterLoss)
class DisasterLossAdmin(PublishableAdmin):
    form = LossForm
    list_display = ["title", "disaster_type", "began_on", "direct_loss", "formed_on", "publication_due", "status_label"]
    list_filter = ["status", "disaster_type"]
    search_fields = ["title", "area_detail"]
    date_hierarchy = "began_on"
    readonly_fields = ["publication_due", "status_label", "withdraw_link"]

    @admin.display(description=_("公开期限（20 个工作日）"))
    def publication_due(self, obj):
        return obj.publication_due_on if obj.formed_on else "—"


@admin.register(Donation)
class DonationAdmin(PublishableAdmin):
    list_display = ["year", "donor", "kind", "amount", "used_amount", "formed_on", "publication_due", "status_label"]
    list_filter = ["status", "year", "kind", "donor_kind"]
    search_fields = ["donor", "goods", "use"]
    date_hierarchy = "received_on"
    readonly_fields = ["publication_due", "status_label", "withdraw_link"]

    @admin.display(description=_("公开期限（20 个工作日）"))
    def publication_due(self, obj):
        return obj.publication_due_on if obj.formed_on else "—"
