"""Account forms. Labels and our own messages are gettext messages in the page language;
Django's built-in messages (required, invalid e-mail, weak password) come translated by Django."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext, gettext_lazy

from strideback.accounts.models import User
from strideback.core.languages import Lang


class LangForm(forms.Form):
    """A form whose labels and help texts are lazy gettext messages, set when the form is built."""

    labels: dict[str, str] = {}
    helps: dict[str, str] = {}

    def __init__(self, *args: Any, lang: Lang = "en", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lang = lang
        for name, key in self.labels.items():
            self.fields[name].label = key
        for name, key in self.helps.items():
            self.fields[name].help_text = key
            self.fields[name].widget.attrs["aria-describedby"] = f"id_{name}-help"

    def full_clean(self) -> None:
        super().full_clean()
        # Tie each error and help text to its input so screen readers read them with it.
        for name, field in self.fields.items():
            described = []
            if field.help_text:
                described.append(f"id_{name}-help")
            if name in self.errors:
                field.widget.attrs["aria-invalid"] = "true"
                described.insert(0, f"id_{name}-error")
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def summary(self) -> list[tuple[str, str, str]]:
        """(input id, field label, message) for each error, for the summary at the top."""
        out = []
        for name, errors in self.errors.items():
            field = self.fields.get(name)
            label = str(field.label) if field is not None else ""
            out += [(f"id_{name}", label, str(message)) for message in errors]
        return out


class SignupForm(LangForm):
    labels = {
        "name": gettext_lazy("Your name (optional)"),
        "email": gettext_lazy("E-mail"),
        "password": gettext_lazy("Choose a password"),
    }
    helps = {
        "name": gettext_lazy("Shown to a physiotherapist who follows you, instead of your e-mail."),
        "password": gettext_lazy("At least 8 characters, and not only numbers."),
    }
    name = forms.CharField(
        max_length=150, required=False, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                gettext("There is already an account with this address. Log in instead.")
            )
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password = data.get("password")
        if password:
            candidate = User(email=data.get("email", ""))
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


class LoginForm(LangForm):
    labels = {"email": gettext_lazy("E-mail"), "password": gettext_lazy("Password")}
    email = forms.EmailField(
        max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class EmailForm(LangForm):
    labels = {"email": gettext_lazy("E-mail")}
    email = forms.EmailField(
        max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class NewPasswordForm(LangForm):
    labels = {"password": gettext_lazy("Choose a password")}
    helps = {"password": gettext_lazy("At least 8 characters, and not only numbers.")}
    password = forms.CharField(
        strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, user: User, *args: Any, lang: Lang = "en", **kwargs: Any) -> None:
        super().__init__(*args, lang=lang, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        password_validation.validate_password(password, self.user)
        return password
