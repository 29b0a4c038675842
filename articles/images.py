"""Lead images: checked on upload, resized once into a few widths."""

from io import BytesIO
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

RENDITION_WIDTHS = (480, 800, 1200)


def validate_image_upload(upload):
    """Reject files that are too big, not images, or absurdly many pixels."""
    if upload is None or getattr(upload, "_committed", False):
        return  # nothing new: an image already stored was checked when uploaded
    max_bytes = settings.IMAGE_UPLOAD_MAX_BYTES
    if upload.size > max_bytes:
        raise ValidationError(
            "The image is %(size)s MB; the limit is %(limit)s MB.",
            code="image_too_large",
            params={
                "size": round(upload.size / 1_048_576, 1),
                "limit": round(max_bytes / 1_048_576, 1),
            },
        )
    try:
        upload.seek(0)
        with Image.open(upload, formats=["JPEG", "PNG", "WEBP"]) as img:
            width, height = img.size
            img.verify()
    except Exception as exc:
        raise ValidationError(
            "This file is not an image we can read. Upload a JPEG, PNG or WebP.",
            code="invalid_image",
        ) from exc
    finally:
        upload.seek(0)
    if width * height > settings.IMAGE_UPLOAD_MAX_PIXELS:
        raise ValidationError(
            "The image is %(w)s×%(h)s pixels; please upload one under 40 megapixels.",
            code="image_too_many_pixels",
            params={"w": width, "h": height},
        )


def image_changed(instance):
    """Whether `instance.image` names another file than the one stored (a new
    instance: whether it has one), so its renditions must be made again."""
    name = instance.image.name if instance.image else ""
    if instance.pk is None:
        return bool(name)
    stored = type(instance)._default_manager.filter(pk=instance.pk)
    return (stored.values_list("image", flat=True).first() or "") != name


def make_renditions(field_file):
    """
    Resize the stored image into RENDITION_WIDTHS (never upscaling) as WebP.

    Returns a list of {"url", "width", "height"} dicts, narrowest first.
    """
    field_file.open("rb")
    try:
        with Image.open(field_file) as original:
            image = ImageOps.exif_transpose(original)
            image.load()
    finally:
        field_file.close()
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    stem = PurePosixPath(field_file.name).stem
    widths = [w for w in RENDITION_WIDTHS if w < image.width] + [
        min(image.width, RENDITION_WIDTHS[-1])
    ]
    renditions = []
    for width in sorted(set(widths)):
        height = round(image.height * width / image.width)
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        buffer = BytesIO()
        resized.save(buffer, "WEBP", quality=80, method=4)
        name = default_storage.save(
            f"posts/renditions/{stem}-{width}w.webp", ContentFile(buffer.getvalue())
        )
        renditions.append(
            {"url": default_storage.url(name), "width": width, "height": height}
        )
    return renditions
