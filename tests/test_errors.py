"""How an invalid request's fields are named to the user: the API's 422s and the command line's
messages read the same path and words (service/errors.py)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from service.errors import InputError, field_errors, field_message, field_path
from service.schema import BriefRequest


@pytest.mark.parametrize(
    ("loc", "path"),
    [
        (("body", "documents", 2, "text"), "documents[2].text"),
        (("body", "topic", "issues", 0, "keywords", 1), "topic.issues[0].keywords[1]"),
        (("documents", 0, "title"), "documents[0].title"),  # a model's own error, as /verify gets
        (["summary", 3], "summary[3]"),
        (("body",), "body"),
        ((), "body"),
    ],
)
def test_field_path_names_the_field_as_the_request_spells_it(loc, path: str) -> None:
    """A pydantic location reads as a path into the JSON the caller sent."""
    assert field_path(loc) == path


def test_field_errors_leave_out_the_union_member_pydantic_tried() -> None:
    """An inline profile's bad field reads as a path into the profile, and "should be a string"
    (the other member of `str | TopicProfile`) is left out, as the caller sent an object."""
    with pytest.raises(ValidationError) as caught:
        BriefRequest.model_validate(
            {"documents": [{"text": "a"}], "topic": {"name": "x", "title": "X", "parties": "none"}}
        )
    errors = field_errors(caught.value.errors())
    assert ("topic.parties", "Input should be a valid list") in errors, errors
    assert all(path.startswith("topic.") and "[" not in path.split(".")[1] for path, _ in errors), errors
    with pytest.raises(ValidationError) as caught:
        BriefRequest.model_validate({"documents": [{"text": "a"}], "topic": 7})
    assert {path for path, _ in field_errors(caught.value.errors())} == {"topic"}


def test_field_message_drops_pydantics_prefix_only() -> None:
    assert field_message("Value error, text is empty") == "text is empty"
    assert field_message("Assertion error, ids differ") == "ids differ"
    assert field_message("Input should be a valid string") == "Input should be a valid string"
    assert field_message("text is empty. Value error, again") == "text is empty. Value error, again"


def test_field_errors_keep_every_field_once_in_order() -> None:
    errors = [
        {"loc": ("documents", 1, "text"), "type": "value_error", "msg": "Value error, text is empty"},
        {"loc": ("documents", 0), "type": "missing", "msg": "Field required"},
        {"loc": ("documents", 1, "text"), "type": "value_error", "msg": "Value error, text is empty"},
    ]
    assert field_errors(errors) == [
        ("documents[1].text", "text is empty"),
        ("documents[0]", "Field required"),
    ]


def test_a_type_error_stays_when_nothing_deeper_went_wrong() -> None:
    # "topic: should be a string" is dropped only for the errors inside the object given instead.
    same_depth = [
        {"loc": ("topic", "str"), "type": "string_type", "msg": "Input should be a valid string"},
        {"loc": ("options", "use_model"), "type": "bool_parsing", "msg": "Input should be a valid boolean"},
    ]
    assert field_errors(same_depth) == [
        ("topic", "Input should be a valid string"),
        ("options.use_model", "Input should be a valid boolean"),
    ]
    deeper = [
        *same_depth,
        {"loc": ("topic", "TopicProfile", "name"), "type": "missing", "msg": "Field required"},
    ]
    assert ("topic", "Input should be a valid string") not in field_errors(deeper)
    assert ("topic.name", "Field required") in field_errors(deeper)
    # A field's own error that is no type error stays beside the deeper ones.
    kept = [*deeper, {"loc": ("topic",), "type": "value_error", "msg": "Value error, unknown topic"}]
    assert ("topic", "unknown topic") in field_errors(kept)


def test_an_input_error_carries_its_field_for_the_api() -> None:
    error = InputError("documents[0] has no article text", field="documents")
    assert (str(error), error.field, error.status) == ("documents[0] has no article text", "documents", 422)
    assert InputError("too long").field is None
