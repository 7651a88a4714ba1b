"""The project's own admin screens in the curator's language: Japanese for a browser that
asks for it (Accept-Language), English otherwise, the release reader's warnings included.
The archive's stored notes (history, log) keep one language."""

import html
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from meetings.models import (
    Meeting,
    Organization,
    OrganizationName,
    Paragraph,
    Participation,
    Person,
    Revision,
    SourceDocument,
)

from .release import visible_text
from .test_admin import (
    add_inline_row,
    admin_url,
    errors_of,
    form_data,
    inline_prefix,
    post_meeting,
)
from .test_admin_import import IMPORT_URL, read_release, save_release

pytestmark = pytest.mark.django_db


def html_lang(page):
    return re.search(r'<html lang="([^"]*)"', page).group(1)


@pytest.fixture
def ja_client(admin_client):
    """A superuser whose browser asks for Japanese."""
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ja"
    return admin_client


def japanese_page(response):
    """The page's visible text, once it is known to be a Japanese page."""
    assert response.status_code == 200
    page = response.content.decode()
    assert html_lang(page) == "ja"
    assert response["Content-Language"] == "ja"
    return visible_text(page)


def assert_none_of(text, english):
    left = [words for words in english if words in text]
    assert left == [], f"still in English: {left}"


@pytest.fixture
def two_organisations():
    first = Organization.objects.create(
        name="Kingdom of Atlantis", slug="atlantis", classification="country"
    )
    second = Organization.objects.create(
        name="Atlantis", slug="atlantis-2", classification="country"
    )
    return first, second


# --- Import from a press release ---------------------------------------------------------


def test_the_import_screen_is_in_japanese(ja_client):
    text = japanese_page(ja_client.get(IMPORT_URL))
    assert "プレスリリースから取り込む" in text
    assert "プレスリリースの本文:" in text
    assert "次のページで確定するまで何も保存されません。上限は200,000文字、2,000段落です。" in text
    assert 'value="プレスリリースを読み取る"' in ja_client.get(IMPORT_URL).content.decode()
    assert_none_of(text, ["Import from a press release", "Text of the release", "Paste the"])
    assert "Read the release" not in ja_client.get(IMPORT_URL).content.decode()


def test_reading_a_release_shows_the_check_step_in_japanese(ja_client):
    response = read_release(ja_client)
    text = japanese_page(response)
    markup = response.content.decode()
    for words in [
        "確認事項",
        "「Mongolia」（¶3）はまだアーカイブの組織ではありません。",
        "「Japan, the host」（¶3）",
        "名称:",
        "略称:",
        "開始日:",
        "会場名:",
        "資料に記載されたとおりに入力します。",
        "発表元:",
        "新規：Mongolia（国）",
        "保存先",
        "会議（プレスリリースから読み取った内容です。誤りがあれば修正してください）",
        "ウェブアドレス:",
        "回次:",
        "または新しいシリーズ:",
        "資料の種類:",
        "参加者（5）",
        "人数（0）",
        "人物（1）",
        "関連行事（0）",
        "見つかりませんでした。",
        "プレスリリースに記載されているが読み取られなかった参加者は、ここで追加してください",
        "記載どおりの文言",
        "議長としての役割",
        "一覧は完全",
        "会議での肩書",
        "代表する組織",
        "プレスリリースの段落（6）",
        "本文（原文どおり）",
        "最初からやり直す",
    ]:
        assert words in text, words
    assert 'value="保存"' in markup
    # Group headings come from the translated choices: attended, host.
    assert "出席 — 主催" in text
    # The reader's warnings are in the curator's language too.
    assert "開催日「Tuesday, February 10」には年の記載がありません。" in text
    assert "gives no year" not in text
    assert_none_of(
        text,
        [
            "To check",
            "is not an organisation of the archive yet",
            "Save as",
            "read from the release",
            "Web address",
            "Edition:",
            "Or a new series",
            "Kind of source",
            "Participants (",
            "Counts (",
            "None found.",
            "Named in the release but not read",
            "As written",
            "Chairs as",
            "List complete",
            "Title at the meeting",
            "For (organisation)",
            "paragraph by paragraph",
            "Text, verbatim",
            "Start again",
            "New: Mongolia",
            "Short name:",
            "Start date:",
            "As the source names it.",
            "“Japan, the host”",
        ],
    )
    assert Meeting.objects.filter(slug="astop-vi").count() == 0  # reading saves nothing


def test_form_errors_on_the_import_screen_are_in_japanese(ja_client):
    response = save_release(ja_client, start_date="2009-02-11", end_date="2009-02-10")
    text = japanese_page(response)
    assert "次の1件のエラーを修正してください。何も保存されていません：" in text
    assert "会議の終了日を開始日より前にすることはできません。" in text
    assert_none_of(text, ["cannot end before it starts", "Please correct", "nothing was saved"])
    assert not Meeting.objects.filter(slug="astop-vi").exists()


def test_a_refused_paste_says_why_in_japanese(ja_client):
    response = ja_client.post(IMPORT_URL, {"text": "Title\n\nA bell\x07 rang.", "_read": "1"})
    text = japanese_page(response)
    assert "下記のエラーを修正してください。" in text
    assert "3行目7文字目に制御文字U+0007が含まれています。" in text
    assert_none_of(text, ["Please correct the error below.", "Contains the control character"])


def test_saving_a_release_says_so_in_japanese(ja_client):
    response = save_release(ja_client)
    assert response.status_code == 302
    meeting = Meeting.objects.get(slug="astop-vi")
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert messages == [
        "プレスリリースから下書き「ASTOP-VI」を作成しました。内容を確認のうえ、公開してください。"
    ]
    # The log keeps one language for every curator.
    entry = LogEntry.objects.get(object_id=str(meeting.pk), content_type__model="meeting")
    assert entry.change_message == "Created as a draft from a press release."
    change = ja_client.get(admin_url(Meeting, "change", meeting.pk))
    text = japanese_page(change)
    assert "保存して公開する" in change.content.decode()
    assert "下書きをプレビュー" in text


# A Japanese release with no year in its meeting date, a participant the name table does not
# know, a person without a reading and no venue.
UNFINISHED_RELEASE = """\
第7回アジア不拡散協議（ASTOP-VII）の開催（結果）

令和8年11月20日

1　11月19日，第7回アジア不拡散協議（ASTOP-VII）が開催されました。

2　本協議には，山田太郎外務副大臣が出席しました。

3　参加国・機関：日本，豪州，構成国，カナダ
"""


def test_the_readers_warnings_are_in_japanese(ja_client):
    text = japanese_page(read_release(ja_client, UNFINISHED_RELEASE))
    for words in [
        "開催日「11月19日」には年の記載がありません。"
        "日付行（2026-11-20）から2026年と推定しました。",
        "¶5：参加者一覧の「構成国」は名称表にありません。確認のうえ、手動で追加してください。",
        "¶4：山田太郎（外務副大臣）の読みが記載されていません。"
        "英語表記（ローマ字）を入力してください。",
        "会議の会場が見つかりませんでした。入力してください。",
    ]:
        assert words in text, words
    assert_none_of(
        text,
        [
            "gives no year",
            "is inferred from",
            "is not in the name table",
            "no reading is given",
            "spell it in English",
            "venue was not found",
        ],
    )


def test_the_readers_missing_date_and_title_are_said_in_japanese(ja_client):
    text = japanese_page(read_release(ja_client, "外務省は協議を行いました。"))
    assert "会議の日付が見つかりませんでした。入力してください。" in text
    assert_none_of(text, ["date was not found", "enter it"])


def test_the_relation_options_are_in_japanese(ja_client):
    markup = read_release(ja_client, UNFINISHED_RELEASE).content.decode()
    select = re.search(r'<select name="source_relation".*?</select>', markup, re.S).group(0)
    options = [html.unescape(label) for label in re.findall(r">([^<]*)</option>", select)]
    assert options == ["記載なし", "翻訳", "仮訳", "原文"]


def test_the_same_release_saved_again_is_refused_in_japanese(ja_client):
    assert save_release(ja_client, UNFINISHED_RELEASE).status_code == 302
    meeting = Meeting.objects.get(short_name="ASTOP-VII")
    source = meeting.sources.get()
    sources = SourceDocument.objects.count()
    response = save_release(ja_client, UNFINISHED_RELEASE)
    text = japanese_page(response)
    message = (
        f"このプレスリリースはすでにASTOP-VIIの資料「{source.title}」（日本語）として"
        "登録されています。何も保存されていません。"
    )
    assert message in response.context["form"].non_field_errors()
    assert message in text
    assert_none_of(text, ["is already a source of", "Nothing was saved"])
    assert SourceDocument.objects.count() == sources


def test_the_readers_warnings_stay_in_english_for_an_english_curator(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    text = visible_text(read_release(admin_client, UNFINISHED_RELEASE).content.decode())
    assert (
        "The meeting date “11月19日” gives no year: 2026 is inferred from the date line "
        "(2026-11-20)." in text
    )
    assert "¶4: no reading is given for 山田太郎 (外務副大臣): spell it in English." in text
    assert "The meeting's venue was not found: enter it." in text
    assert "None stated" in text


def test_an_english_curator_still_sees_english(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    start = admin_client.get(IMPORT_URL)
    assert html_lang(start.content.decode()) == "en"
    assert "Import from a press release" in visible_text(start.content.decode())
    response = read_release(admin_client)
    page = response.content.decode()
    assert html_lang(page) == "en"
    text = visible_text(page)
    assert "To check" in text
    assert "Participants (5)" in text
    assert "Start again" in text
    assert not re.search(r"[\u3040-\u30ff]", text)  # no kana anywhere on the screen


# --- Merge, history, comparison, deleted rows, revisions ---------------------------------------


def test_the_merge_screen_is_in_japanese(ja_client, two_organisations):
    first, second = two_organisations
    url = reverse("admin:meetings_organization_merge", args=[first.pk, second.pk])
    response = ja_client.get(url)
    text = japanese_page(response)
    for words in [
        "組織2件の統合",
        "残す組織が、もう一方を参照しているすべての行を引き継ぎ、もう一方は削除されます。",
        "アーカイブ内に、いずれかを参照しているものはほかにありません。",
        "残す:",
        "もう一方は削除されます。",
        "もう一方の名称の種類:",
        "理由:",
        "二つが同一である理由。履歴とログに記録されます。",
        "キャンセル",
    ]:
        assert words in text, words
    assert 'value="統合"' in response.content.decode()
    assert_none_of(
        text, ["Merge two", "organization", "kept takes every row", "Nothing else in the", "Cancel"]
    )

    # A refusal from the merge itself, and the message after a merge, in Japanese.
    response = ja_client.post(url, {"keep": first.pk, "name_kind": "usual", "reason": " "})
    text = japanese_page(response)
    assert "この項目は必須です。" in text  # Django's own message for the empty reason
    response = ja_client.post(url, {"keep": first.pk, "name_kind": "usual", "reason": "One."})
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "「Atlantis」を「Kingdom of Atlantis」に統合しました。"
    ]
    assert not Organization.objects.filter(pk=second.pk).exists()


def test_history_and_comparison_are_in_japanese(ja_client, two_organisations):
    organisation = two_organisations[0]
    organisation.name = "Kingdom of Atlantis and Lemuria"
    organisation.save()
    history = ja_client.get(admin_url(Organization, "history", organisation.pk))
    text = japanese_page(history)
    for words in [
        "変更履歴：Kingdom of Atlantis and Lemuria",
        "古い版",
        "新しい版",
        "変更者",
        "2版",
    ]:
        assert words in text, words
    assert 'value="選択した二つの版を比較"' in history.content.decode()
    assert_none_of(text, ["Change history:", "Older", "Changed by", "2 versions"])

    old, new = organisation.history.order_by("history_date")
    compare = ja_client.get(
        admin_url(Organization, "compare", organisation.pk),
        {"old": old.history_id, "new": new.history_id},
    )
    text = japanese_page(compare)
    for words in ["版の比較", "項目", "変更前", "変更後", "変更された語句", "履歴に戻る"]:
        assert words in text, words
    # Saved outside the admin: no user; the kinds of version in Japanese all the same.
    assert "の版（不明、作成）から" in text and "の版（不明、変更）への変更。" in text
    assert_none_of(text, ["Compare versions", "From the version", "Words changed", "Back to"])

    revert = ja_client.get(
        reverse("admin:meetings_organization_simple_history", args=[organisation.pk, old.pk])
    )
    text = japanese_page(revert)
    assert "Kingdom of Atlantisを以前の版に戻す" in text
    assert "この版に戻すには、下の「この版に戻す」ボタンを押してください。" in text
    assert_none_of(text, ["Revert", "Press the"])


def test_the_deleted_list_and_a_restore_are_in_japanese(ja_client, two_organisations):
    organisation = two_organisations[1]
    pk = organisation.pk
    organisation.delete()
    listing = ja_client.get(admin_url(Organization, "deleted"))
    text = japanese_page(listing)
    for words in ["削除済み", "削除はすべて記録されています。", "削除日時", "削除者", "Atlantis"]:
        assert words in text, words
    assert 'value="復元"' in listing.content.decode()
    assert_none_of(text, ["Every deletion is recorded", "Restore"])

    record = Organization.history.filter(id=pk, history_type="-").get()
    response = ja_client.post(admin_url(Organization, "restore", record.history_id))
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["「Atlantis」を復元しました。"]
    assert Organization.objects.filter(pk=pk).exists()


def test_a_revision_waiting_for_a_publisher_is_shown_in_japanese(ja_client):
    meeting = Meeting.objects.get(slug="astop-v")
    revision = Revision.objects.create(
        meeting=meeting,
        title="meeting “ASTOP-V”",
        path=admin_url(Meeting, "change", meeting.pk),
        form_data=[],
        changes=[{"object": "Meeting", "field": "City", "before": "Tokyo", "after": "Minato"}],
        proposed_by="bob",
    )
    response = ja_client.get(reverse("admin:meetings_revision_change", args=[revision.pk]))
    text = japanese_page(response)
    assert "公開済みの会議ASTOP-Vについて、bobが" in text
    assert "状態：公開担当者の確認待ち。" in text
    assert "公開担当者がこの変更を公開するまで、公開ページには公開中の版が表示されます。" in text
    for words in ["対象", "項目", "変更前", "変更後"]:
        assert words in text, words
    markup = response.content.decode()
    assert 'value="この変更を公開する"' in markup and 'value="破棄する"' in markup
    assert_none_of(text, ["Proposed by", "The public page shows", "Publish this change"])

    response = ja_client.post(
        reverse("admin:meetings_revision_change", args=[revision.pk]), {"_discard": "1"}
    )
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "破棄しました：meeting “ASTOP-V”（提案者：bob）。"
    ]


def test_the_meeting_list_and_its_actions_are_in_japanese(ja_client):
    response = ja_client.get(admin_url(Meeting, "changelist"))
    text = japanese_page(response)
    for words in ["プレスリリースから取り込む", "公開ページ", "表示", "年 で絞り込む"]:
        assert words in text, words
    markup = response.content.decode()
    assert "選択した会議を公開する" in markup and "選択した会議を非公開にする" in markup
    organisations = ja_client.get(admin_url(Organization, "changelist")).content.decode()
    assert "選択した2件の組織を統合する" in organisations
    assert_none_of(text, ["Import from a press release", "public page", "By year"])

    astop_v = Meeting.objects.get(slug="astop-v")
    response = ja_client.post(
        admin_url(Meeting, "changelist"),
        {"action": "publish_meetings", "_selected_action": [astop_v.pk]},
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["公開する会議はありません。"]


def test_the_locked_sign_in_page_is_in_japanese(client):
    get_user_model().objects.create_user("curator", password="right-password", is_staff=True)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ja"
    form = {"username": "curator", "next": reverse("admin:index")}
    for _ in range(5):
        client.post(reverse("admin:login"), {**form, "password": "wrong"})
    response = client.post(reverse("admin:login"), {**form, "password": "right-password"})
    assert response.status_code == 429
    page = response.content.decode()
    assert html_lang(page) == "ja"
    text = visible_text(page)
    assert "ログインはロックされています" in text
    assert "このアドレスから「curator」でのログインに失敗した回数が多すぎます。" in text
    assert "管理者にロックの解除を依頼してください。" in text
    assert_none_of(text, ["Sign-in locked", "Too many failed sign-ins", "administrator"])


# --- The models' own names, labels and help texts ----------------------------------------


def test_model_names_on_the_admin_index_are_in_japanese(ja_client):
    text = japanese_page(ja_client.get(reverse("admin:index")))
    for words in ["人物", "シリーズ", "テーマの別名"]:
        assert words in text, words
    assert_none_of(text, ["People", "Series", "Topic aliases"])


def test_the_meeting_list_names_the_models_in_japanese(ja_client):
    response = ja_client.get(admin_url(Meeting, "changelist"))
    text = japanese_page(response)
    assert "ASTOP-V" in text
    # The side bar lists the models by their names.
    for words in ["人物", "シリーズ", "テーマの別名"]:
        assert words in text, words
    assert_none_of(text, ["People", "Topic aliases"])


def test_the_meeting_form_gives_the_models_help_in_japanese(ja_client):
    meeting = Meeting.objects.get(slug="astop-v")
    response = ja_client.get(admin_url(Meeting, "change", meeting.pk))
    text = japanese_page(response)
    for words in [
        "単発の会議では空欄です。",  # series
        "アーカイブ独自の文章で記述します。",  # summary
        "資料に記載されたとおりに入力します。",  # venue name
        "会議を開催した機関です（例：省庁）。",  # convener
        "保存のたびに増える番号です。古い内容による上書きを防ぎます。",  # version
    ]:
        assert words in text, words
    # The inlines' help texts: below the field in a stacked inline (appearances, points),
    # the title of the column heading in a tabular one.
    markup = response.content.decode()
    for words in [
        "この会議での肩書です。資料に記載がない場合は空欄にします。",
        "アーカイブ独自の文章による短い見出しです。",
    ]:
        assert words in text, words
    for words in [
        "二つ目の役割です。主催者が議長または共同議長も務める場合に使います。",
        "参加予定（開催の発表によるもの）は、出席者とは区別して記録します。",
        "資料で使われている文言です（例：「the ASEAN member countries」）。",
        "そのページ自体の表題です。",
        "発表元です（例：外務省）。",
    ]:
        assert f'title="{words}"' in markup, words
    assert "アドレス" in text  # the venue sources' address column
    english = [
        "Empty for a one-off meeting.",
        "In the archive's own words.",
        "As the source names it.",
        "The body that held the meeting",
        "Raised by every save",
        "A second role",
        "Planned participants (announcements)",
        "The words the source used",
        "The title held at this meeting",
        "A short heading",
        "The page's own title.",
        "Who published it",
    ]
    assert_none_of(text, english)
    assert_none_of(html.unescape(markup), english)


def test_organisation_person_and_source_forms_give_labels_and_help_in_japanese(ja_client):
    japan = Organization.objects.get(slug="japan")
    text = japanese_page(ja_client.get(admin_url(Organization, "change", japan.pk)))
    for words in [
        "ISO 3166コード",
        "ISO 3166-1の2文字のコードです。国の場合のみ入力します。",
        "上位の組織です（例：省庁が属する政府）。",
        "出典のアドレス",  # the other names' column
    ]:
        assert words in text, words
    assert_none_of(
        text, ["ISO 3166 code", "Two-letter", "The government a ministry", "Source address"]
    )

    kimura = Person.objects.get(slug="hitoshi-kimura")
    text = japanese_page(ja_client.get(admin_url(Person, "change", kimura.pk)))
    for words in [
        "名、姓の順に入力します（例：Hitoshi Kimura）。",
        "姓、名の順に入力します（例：Kimura, Hitoshi）。",
    ]:
        assert words in text, words
    assert_none_of(text, ["Given name first", "Family name first"])

    source = SourceDocument.objects.get(meeting__slug="astop-v", language="en")
    text = japanese_page(ja_client.get(admin_url(SourceDocument, "change", source.pk)))
    for words in [
        "再利用の条件と、その出典です。",
        "この資料が翻訳または写しとなっている元の資料です。",
        "写しの場合は、写しそのもののアドレスです。",
        "アーカイブが本文を取得した日です。",
        "アーカイブが本文を取得したアドレスです。",
    ]:
        assert words in text, words
    assert_none_of(text, ["Terms of reuse", "The source this one", "When the archive took"])


def test_an_english_curator_sees_the_models_names_and_help_in_english(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    index = admin_client.get(reverse("admin:index"))
    assert index.status_code == 200
    text = visible_text(index.content.decode())
    for words in ["People", "Series", "Topic aliases"]:
        assert words in text, words
    assert_none_of(text, ["人物", "シリーズ", "テーマの別名"])

    meeting = Meeting.objects.get(slug="astop-v")
    response = admin_client.get(admin_url(Meeting, "change", meeting.pk))
    assert response.status_code == 200
    markup = response.content.decode()
    assert html_lang(markup) == "en"
    text = visible_text(markup)
    for words in [
        "Empty for a one-off meeting.",
        "In the archive's own words.",
        "As the source names it.",
        "The body that held the meeting (a ministry, for example).",
        "Raised by every save; guards against stale edits.",
    ]:
        assert words in text, words
    assert 'title="A second role: a host that also chairs or co-chairs."' in markup
    assert_none_of(text, ["単発の会議", "アーカイブ独自", "会議を開催した機関", "保存のたびに"])


def test_the_models_checks_refuse_a_save_in_japanese(ja_client):
    astop_v = Meeting.objects.get(slug="astop-v")
    page, data, url = post_meeting(ja_client, astop_v, series="", ordinal="5")
    response = ja_client.post(url, data)
    japanese_page(response)
    assert "ordinal: 回次があるのはシリーズの会議だけです。" in errors_of(response)

    page, data, url = post_meeting(ja_client, astop_v)
    add_inline_row(
        data,
        inline_prefix(page, Participation),
        organization=str(Organization.objects.get(slug="indonesia").pk),
        role="host",
        source_words="Indonesia",
        position="9",
        source_paragraph=str(Paragraph.objects.get(document__meeting=astop_v, position=3).pk),
    )
    response = ja_client.post(url, data)
    japanese_page(response)
    assert "role: この会議には既に主催者がいます。" in errors_of(response)

    japan = Organization.objects.get(slug="japan")
    url = admin_url(Organization, "change", japan.pk)
    page = ja_client.get(url)
    data = form_data(page)
    data["classification"] = "ministry"
    response = ja_client.post(url, data)
    japanese_page(response)
    errors = errors_of(response)
    assert "iso_code: ISO 3166コードを持つのは国だけです。" in errors
    assert_none_of(errors, ["Only", "ISO 3166 code"])
    # A constraint's own message, where the formset's duplicate check does not come first.
    duplicate = OrganizationName(organization=japan, name=japan.other_names.first().name)
    with translation.override("ja"), pytest.raises(ValidationError) as refused:
        duplicate.validate_constraints()
    assert refused.value.messages == ["この組織には既にこの名称があります。"]
    japan.refresh_from_db()
    assert japan.classification == "country"
    assert (
        not Meeting.objects.get(slug="astop-v")
        .participations.filter(organization__slug="indonesia", role="host")
        .exists()
    )


def test_an_english_curator_is_refused_in_english(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    japan = Organization.objects.get(slug="japan")
    url = admin_url(Organization, "change", japan.pk)
    data = form_data(admin_client.get(url))
    data["classification"] = "ministry"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "iso_code: Only countries have an ISO 3166 code." in errors_of(response)


def test_the_admin_index_names_the_app_and_every_model_in_japanese(ja_client):
    text = japanese_page(ja_client.get(reverse("admin:index")))
    for words in [
        "会議の記録",  # the app
        "会議",
        "組織",
        "加盟",
        "テーマ",
        "資料",
        "段落",
        "参加",
        "参加者数",
        "発言者",
        "論点",
        "テーマへの言及",
        "関連行事",
        "日程",
        "変更案",
    ]:
        assert words in text, words
    assert_none_of(
        text,
        [
            "Meeting records",
            "Meetings",
            "Organizations",
            "Memberships",
            "Topics",
            "Source documents",
            "Paragraphs",
            "Participations",
            "Participant counts",
            "Appearances",
            "Discussion points",
            "Topic mentions",
            "Side events",
            "Meeting days",
            "Revisions",
        ],
    )


def test_the_meeting_list_has_japanese_column_headings_and_filters(ja_client):
    response = ja_client.get(admin_url(Meeting, "changelist"))
    text = japanese_page(response)
    assert "変更する 会議 を選択" in text
    headings = [
        visible_text(heading)
        for heading in re.findall(
            r"<th scope=\"col\"[^>]*>(.*?)</th>", response.content.decode(), re.S
        )
    ]
    for words in ["略称", "名称", "シリーズ", "開始日", "都市", "状態", "公開日時"]:
        assert words in headings, (words, headings)
    for words in ["状態 で絞り込む", "シリーズ で絞り込む"]:
        assert words in text, words
    assert_none_of(
        text,
        ["Select meeting to change", "Short name", "Start date", "Published at", "By series"],
    )
    assert_none_of(" ".join(headings), ["Title", "Series", "City", "Status"])


def test_the_meeting_form_has_japanese_field_labels(ja_client):
    meeting = Meeting.objects.get(slug="astop-v")
    response = ja_client.get(admin_url(Meeting, "change", meeting.pk))
    text = japanese_page(response)
    assert "会議 を変更" in text
    markup = response.content.decode()
    labels = [
        visible_text(label) for label in re.findall(r"<label[^>]*>(.*?)</label>", markup, re.S)
    ]
    for words in [
        "シリーズ:",
        "回次:",
        "名称:",
        "略称:",
        "要約:",
        "開始日:",
        "終了日:",
        "日付の精度:",
        "形式:",
        "会場名:",
        "会場の説明:",
        "都市:",
        "国:",
        "招集者:",
    ]:
        assert words in labels, (words, labels)
    # The read-only fields and the inlines' column headings name them too.
    for words in ["公開日時", "作成日時", "更新日時", "出典の段落", "資料の文言", "出欠", "肩書"]:
        assert words in text, words
    assert_none_of(
        text,
        [
            "Change meeting",
            "Start date",
            "End date",
            "Short name",
            "Date precision",
            "Venue name",
            "Venue description",
            "Convener",
            "Published at",
            "Created at",
            "Source paragraph",
            "Source words",
        ],
    )


def test_a_source_and_an_organisation_have_japanese_labels(ja_client):
    source = SourceDocument.objects.get(meeting__slug="astop-v", language="en")
    response = ja_client.get(admin_url(SourceDocument, "change", source.pk))
    text = japanese_page(response)
    assert "資料 を変更" in text
    for words in ["発表元", "発表日", "掲載元のアドレス", "権利", "取得日", "改行"]:
        assert words in text, words
    assert_none_of(text, ["Change source document", "Published on", "Original url", "Rights"])

    japan = Organization.objects.get(slug="japan")
    text = japanese_page(ja_client.get(admin_url(Organization, "change", japan.pk)))
    assert "組織 を変更" in text
    for words in ["名称:", "略称:", "分類:", "上位:", "説明:"]:
        assert words in text, words
    assert_none_of(text, ["Change organization", "Abbreviation:", "Classification:"])


def test_an_english_curator_sees_english_labels_and_model_names(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    index = visible_text(admin_client.get(reverse("admin:index")).content.decode())
    for words in ["Meeting records", "Meetings", "Organizations", "Discussion points"]:
        assert words in index, words
    changelist = admin_client.get(admin_url(Meeting, "changelist"))
    text = visible_text(changelist.content.decode())
    for words in ["Short name", "Start date", "Published at", "By series", "By status"]:
        assert words in text, words
    meeting = Meeting.objects.get(slug="astop-v")
    response = admin_client.get(admin_url(Meeting, "change", meeting.pk))
    assert html_lang(response.content.decode()) == "en"
    text = visible_text(response.content.decode())
    for words in ["Change meeting", "Start date:", "Short name:", "Convener:", "Source paragraph"]:
        assert words in text, words
    assert_none_of(text, ["会議 を変更", "開始日", "招集者", "出典の段落"])
