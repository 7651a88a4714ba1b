"""Which language each address is in, and each page's address in every language.

Public pages are English at their addresses and Japanese under /ja/ (i18n_patterns in
urls.py); the API is English; the admin follows the curator's browser.
"""

from django.conf import settings
from django.middleware import locale
from django.urls import get_script_prefix, translate_url
from django.utils import translation


def is_admin(request):
    return request.path_info.startswith(f"/{settings.ADMIN_URL}")


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's, but for the admin, whose screens Django translates for the curator.

    With no prefix for English, Django takes every address outside i18n_patterns to be
    in LANGUAGE_CODE, as the API should be, and still marks it ``Vary: Accept-Language``.
    Only the admin's language comes from the request's header, so only the admin says
    it varies on it: one copy of every other answer serves every browser (in the page
    cache and in shared caches).
    """

    def process_request(self, request):
        if not is_admin(request):
            return super().process_request(request)
        translation.activate(translation.get_language_from_request(request))
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        if is_admin(request):
            return super().process_response(request, response)
        # Django's other work here, redirecting an unprefixed address that was not found,
        # is only for a prefixed default language.
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


def address_in(language, request):
    """This page's address in ``language``: the same record, the same query string."""
    if request.resolver_match is not None:
        return translate_url(request.get_full_path(), language)
    # No page here: the same path under the other language's prefix (or none).
    prefix = get_script_prefix()
    path = request.get_full_path().removeprefix(prefix)
    current = translation.get_language_from_path(request.path_info)
    if current:
        path = path.removeprefix(f"{current}/")
    if language != settings.LANGUAGE_CODE:
        path = f"{language}/{path}"
    return prefix + path


def page_languages(request):
    """The page in each language (for the language switch and the hreflang links), or
    nothing for a page in one language only (the API's)."""
    current = translation.get_language()
    languages = []
    for code, _name in settings.LANGUAGES:
        address = address_in(code, request)
        languages.append(
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "address": address,
                "absolute_address": request.build_absolute_uri(address),
                "current": code == current,
                "default": code == settings.LANGUAGE_CODE,  # also hreflang x-default
            }
        )
    if len({language["address"] for language in languages}) < len(languages):
        return {"page_languages": []}
    return {"page_languages": languages}
