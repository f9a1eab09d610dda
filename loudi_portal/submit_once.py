"""Public forms that save once: a double submit shows the first post's result, never a second record.

A form that creates a record gets a one-time token in a hidden field
(`SubmitOnceForm`, a signed random value valid for a day). The view hands the
saving to `save_once`, which inserts a `FormSubmission` row for the token in
the same transaction as the record. Two posts of the same form (a double
click, a reload, two tabs) collide on the row's unique constraint: on
PostgreSQL the second insert waits for the first transaction and then fails,
on SQLite writers queue; either way the second post is answered from the first
one's stored result (the same reference), and nothing is saved twice. If the
first post fails, its row rolls back with it and the repeat saves normally.

The query code a receipt shows is never stored, so that a repeat can show it
again it is derived from the token (HMAC with SECRET_KEY): the browser that
holds the form gets the same code twice, nobody else can compute it. A repeat
shows the code only within `REPEAT_SHOWS_CODE_FOR` of the first post (a double
click or a reload); later, a page left open on a shared computer re-posted
shows the reference alone.

Applying it to a form: subclass `SubmitOnceForm` (before `forms.ModelForm`),
render `form.hidden_fields`, and in the view:

    outcome = submit_once.save_once(scope="inforequests:apply", form=form, save=lambda code: {...})
    # outcome.result is what `save` returned the first time; outcome.code the receipt's code.
"""

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import roles
from .models import FormSubmission

FIELD = "submit_token"
TOKEN_SALT = "loudi_portal.submit_once"
TOKEN_MAX_AGE = 24 * 3600  # a form older than a day asks to be reloaded
RETENTION = timedelta(days=3)  # rows outlive every token that could still collide with them
REPEAT_SHOWS_CODE_FOR = timedelta(minutes=10)
CLEANUP_ONE_IN = 100


def register_roles() -> None:
    """Machinery: no role edits submissions (auditors may view, as everything)."""
    roles.register("loudi_portal.formsubmission")


def new_token() -> str:
    """A fresh token for one form (signed with its time, so an old one is refused)."""
    return signing.dumps(secrets.token_urlsafe(24), salt=TOKEN_SALT)


class SubmitOnceForm(forms.Form):
    """A form whose valid post is saved once (put it before `forms.ModelForm` in the bases)."""

    submit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault(FIELD, new_token())

    def clean_submit_token(self) -> str:
        """A valid token, or "" when the post has none (a client that ignores hidden fields: saved unguarded)."""
        token = self.cleaned_data.get(FIELD) or ""
        if not token:
            return ""
        try:
            signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        except signing.BadSignature as exc:
            # The form comes back with a fresh token, so the next submit is accepted.
            self.data = self.data.copy()
            self.data[self.add_prefix(FIELD)] = new_token()
            # A form-wide error: templates show those above the form (hidden fields' own errors nowhere).
            if isinstance(exc, signing.SignatureExpired):
                self.add_error(
                    None, forms.ValidationError(_("表单已打开超过一天，请核对内容后再次提交。"), code="expired")
                )
            else:
                self.add_error(None, forms.ValidationError(_("表单已失效，请核对内容后再次提交。"), code="invalid"))
            return ""
        return token


@dataclass(frozen=True)
class Outcome:
    result: dict  # what `save` returned on the first post
    code: str  # the receipt's query code ("" on a late repeat)
    repeated: bool  # True: this post repeated an earlier one and saved nothing


def query_code(token: str, *, scope: str, alphabet: str, length: int) -> str:
    """The query code of the form with this token: HMAC(SECRET_KEY) mapped onto `alphabet` without bias."""
    key = hashlib.sha256(f"{TOKEN_SALT}:code:{settings.SECRET_KEY}".encode()).digest()
    code, counter = [], 0
    limit = 256 - 256 % len(alphabet)
    while len(code) < length:
        block = hmac.new(key, f"{scope}:{token}:{counter}".encode(), hashlib.sha256).digest()
        code.extend(alphabet[b % len(alphabet)] for b in block if b < limit)
        counter += 1
    return "".join(code[:length])


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def save_once(
    *, scope: str, form: SubmitOnceForm, save: Callable[[str], dict], alphabet: str = "0123456789", length: int = 8
) -> Outcome:
    """Run `save(code)` once per form token; a repeat returns the first run's result (2 queries more).

    `save` gets the receipt's query code and returns a JSON-serialisable dict
    (the reference, the record's pk). It runs in this function's transaction,
    so a failure rolls back the claim as well.
    """
    token = form.cleaned_data[FIELD]
    if not token:
        with transaction.atomic():
            code = "".join(secrets.choice(alphabet) for _i in range(length))
            return Outcome(result=save(code), code=code, repeated=False)
    code = query_code(token, scope=scope, alphabet=alphabet, length=length)
    digest = _token_hash(token)
    with transaction.atomic():
        try:
            with transaction.atomic():
                # bulk_create: no post_save signal (that would empty the page cache for machinery).
                (claim,) = FormSubmission.objects.bulk_create([FormSubmission(scope=scope, token_hash=digest)])
        except IntegrityError:
            first = FormSubmission.objects.get(scope=scope, token_hash=digest)
            recent = timezone.now() - first.created_at <= REPEAT_SHOWS_CODE_FOR
            return Outcome(result=first.result, code=code if recent else "", repeated=True)
        result = save(code)
        FormSubmission.objects.filter(pk=claim.pk).update(result=result)
    if claim.pk % CLEANUP_ONE_IN == 0:
        cleanup()
    return Outcome(result=result, code=code, repeated=False)


def cleanup(now=None) -> int:
    """Delete submissions older than RETENTION; return how many (1 indexed query, no signals)."""
    now = now or timezone.now()
    return FormSubmission.objects.filter(created_at__lt=now - RETENTION)._raw_delete(using="default")
