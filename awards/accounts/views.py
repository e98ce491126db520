"""Login, logout, passwords, invitations, profile and the language switcher."""

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from awards.accounts import services
from awards.accounts.forms import (
    ForgotPasswordForm,
    InvitationForm,
    LanguageForm,
    LoginForm,
    PasswordChangeForm,
    ProfileForm,
    ResetPasswordForm,
)
from awards.errors import DomainError
from awards.extensions import limiter
from awards.forms import show_domain_error
from awards.i18n import CHOSEN_ON_KEY, LANGUAGE_NAMES, speak_page_language
from awards.pages import commit_or_show, committed
from awards.redirects import safe_next

bp = Blueprint("accounts", __name__)


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _attempted_email() -> str:
    return "login:" + services.normalize_email(request.form.get("email", ""))


def _reset_limit() -> str:
    return current_app.config["RESET_RATE_LIMIT"]


def _reset_email() -> str:
    return "reset:" + services.normalize_email(request.form.get("email", ""))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=_attempted_email)
def login():
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = committed(
            lambda: services.authenticate(email=form.email.data, password=form.password.data)
        )
        if user is not None:
            session.pop("locale", None)  # the account's saved language wins from now on
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(form.next.data, url_for("programs.index")))
        # One message whether the email is unknown or the password wrong.
        form.form_errors.append(_("The email or password is not correct."))
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit() and (
        saved := commit_or_show(
            form,
            lambda: services.update_profile(
                user=current_user, name=form.name.data, locale=form.locale.data,
                actor=current_user,
            ),
            success=_("Your details have been saved."), target=url_for("accounts.profile"),
        )
    ):  # fmt: skip
        return saved
    return render_template("accounts/profile.html", form=form)


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            committed(
                lambda: services.change_password(
                    user=current_user, current_password=form.current_password.data,
                    new_password=form.password.data, actor=current_user,
                )
            )  # fmt: skip
        except DomainError as error:
            show_domain_error(form, error)
        else:
            login_user(current_user._get_current_object())  # this session goes on; others end
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/password.html", form=form)


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
# Per mailbox too: from many addresses at once, nobody can fill someone's inbox with links.
@limiter.limit(_reset_limit, methods=["POST"], key_func=_reset_email)
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        committed(lambda: services.send_password_reset(email=form.email.data))
        # The same answer for known and unknown addresses.
        flash(_("If this address has an account, we have sent it a link to set a new password."),
              "info")  # fmt: skip
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    form = ResetPasswordForm()
    if form.validate_on_submit() and (
        done := commit_or_show(
            form, lambda: services.reset_password(token=token, password=form.password.data),
            success=_("Your new password is set. You can log in now."),
            target=url_for("accounts.login"),
        )
    ):  # fmt: skip
        return done
    return render_template("accounts/reset.html", form=form)


def _already_accepted(user):
    """The link opened again once accepted (the back button, the email): no error, the way on."""
    if current_user.is_authenticated and current_user.id == user.id:
        return redirect(url_for("programs.index"))
    flash(_("This invitation has already been accepted. Log in instead."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    try:
        invited = services.read_invitation(token)
    except DomainError as error:
        if (accepted := services.invitation_accepted_by(token)) is not None:
            return _already_accepted(accepted)
        return render_template("accounts/invitation.html", form=None, error=error.message), 404
    # The invited user's language is the one the invitation was written and sent in.
    speak_page_language(invited.locale)
    form = InvitationForm(locale=invited.locale)
    if form.validate_on_submit():
        try:
            user = committed(
                lambda: services.accept_invitation(
                    token=token, name=form.name.data, password=form.password.data,
                    locale=form.locale.data,
                )
            )  # fmt: skip
        except DomainError as error:
            show_domain_error(form, error)
        else:
            login_user(user)
            with force_locale(user.locale):  # the language just chosen, not the page's
                flash(_("Welcome! Your account is ready."), "success")
            return redirect(url_for("programs.index"))
    return render_template("accounts/invitation.html", form=form, invited=invited)


@bp.post("/language")
def switch_language():
    form = LanguageForm()
    target = safe_next(form.next.data, url_for("main.index"))
    if form.validate_on_submit() and form.locale.data in LANGUAGE_NAMES:
        if current_user.is_authenticated:
            committed(
                lambda: services.set_locale(
                    user=current_user, locale=form.locale.data, actor=current_user
                )
            )
        else:
            session["locale"] = form.locale.data
            # The page it was switched on keeps this choice even if it has its own language.
            session[CHOSEN_ON_KEY] = urlsplit(target).path
    return redirect(target)
