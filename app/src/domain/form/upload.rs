//! What an uploaded material's file may be: JPEG, PNG or PDF, known by its first bytes (never by its name), not
//! empty and not over the size limit. A phone's HEIC photo that arrives anyway is named as such, with what to do.

use super::definition::FileType;
use crate::i18n::Lang;

/// The per-file size limit unless the centre sets another (`PALM_UPLOAD_MAX_MB`).
pub const DEFAULT_MAX_BYTES: u64 = 10 * 1024 * 1024;

/// The largest upload request the server reads: twice the per-file limit and the form's few fields. Up to this, the
/// file reaches the upload's handler, which stops at the limit and says so on the page.
pub fn request_limit(max_file_bytes: u64) -> u64 {
    2 * max_file_bytes + 65_536
}

/// How many first bytes [`sniff`] needs.
pub const HEAD_BYTES: usize = 16;

/// What a file's first bytes say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    Is(FileType),
    /// An HEIF/HEIC photo (iPhones' and many Android phones' camera format).
    Heic,
    Unknown,
}

/// Reads a file's type from its first bytes (its magic number).
pub fn sniff(head: &[u8]) -> Sniffed {
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Sniffed::Is(FileType::Jpeg)
    } else if head.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Sniffed::Is(FileType::Png)
    } else if head.starts_with(b"%PDF-") {
        Sniffed::Is(FileType::Pdf)
    } else if head.len() >= 12 && &head[4..8] == b"ftyp" && [&b"heic"[..], b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"].contains(&&head[8..12]) {
        Sniffed::Heic
    } else {
        Sniffed::Unknown
    }
}

/// The type a file's name claims, by its extension.
fn named(file_name: &str) -> Option<FileType> {
    let ext = file_name.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" => Some(FileType::Jpeg),
        "png" => Some(FileType::Png),
        "pdf" => Some(FileType::Pdf),
        _ => None,
    }
}

/// Why a file is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UploadProblem {
    NoFile,
    Empty,
    TooLarge { limit: u64 },
    Heic,
    /// Not one of the accepted types.
    NotAccepted,
    /// Its name says one type and its content is another (a renamed file).
    Mismatch { named: FileType, content: FileType },
}

fn type_words(t: FileType, l: Lang) -> &'static str {
    match t {
        FileType::Jpeg => l.pick("JPG 图片", "a JPG image"),
        FileType::Png => l.pick("PNG 图片", "a PNG image"),
        FileType::Pdf => l.pick("PDF 文件", "a PDF file"),
    }
}

impl UploadProblem {
    /// The message beside the file input, naming the material and what to do.
    pub fn message(self, l: Lang, material: &str) -> String {
        match self {
            Self::NoFile => l.pick(format!("请选择{material}的文件"), format!("Choose a file for {material}")),
            Self::Empty => l.pick(format!("所选{material}的文件是空的，请重新选择"), format!("The file for {material} is empty: choose it again")),
            Self::TooLarge { limit } => {
                let mb = limit / (1024 * 1024);
                l.pick(
                    format!("{material}的文件不能超过 {mb} MB，请压缩后或改用清晰度较低的照片重新上传"),
                    format!("The file for {material} must be {mb} MB or smaller: make it smaller or take a lower-resolution photo"),
                )
            }
            Self::Heic => l.pick(
                format!("{material}是 HEIC 格式的照片，无法接收。请在手机相机设置中选择“兼容性最佳”后重拍，或截图后上传截图"),
                format!("The photo for {material} is in HEIC format, which cannot be accepted. Set your camera to “Most compatible” and take it again, or upload a screenshot of it"),
            ),
            Self::NotAccepted => l.pick(
                format!("{material}的文件应为 JPG、PNG 图片或 PDF 文件"),
                format!("The file for {material} must be a JPG or PNG image or a PDF"),
            ),
            Self::Mismatch { named, content } => l.pick(
                format!("{material}的文件名是{}，但内容是{}，文件可能被改过名。请上传原始文件", type_words(named, l), type_words(content, l)),
                format!("The file for {material} is named as {} but is {}: it may have been renamed. Upload the original file", type_words(named, l), type_words(content, l)),
            ),
        }
    }
}

/// Checks a whole received file: its name, first bytes and size against the limit and the material's types.
pub fn check(file_name: &str, head: &[u8], bytes: u64, limit: u64, accept: &[FileType]) -> Result<FileType, UploadProblem> {
    if bytes == 0 {
        return Err(UploadProblem::Empty);
    }
    if bytes > limit {
        return Err(UploadProblem::TooLarge { limit });
    }
    let content = match sniff(head) {
        Sniffed::Is(t) if accept.contains(&t) => t,
        Sniffed::Heic => return Err(UploadProblem::Heic),
        _ => return Err(UploadProblem::NotAccepted),
    };
    match named(file_name) {
        Some(named) if named != content => Err(UploadProblem::Mismatch { named, content }),
        _ => Ok(content),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F'];
    const HEIC: &[u8] = &[0, 0, 0, 24, b'f', b't', b'y', b'p', b'h', b'e', b'i', b'c', 0, 0];
    const ALL: &[FileType] = &FileType::ALL;

    #[test]
    fn the_content_decides_not_the_name() {
        assert_eq!(check("身份证.jpg", JPEG, 1000, DEFAULT_MAX_BYTES, ALL), Ok(FileType::Jpeg));
        assert_eq!(check("scan", b"%PDF-1.7\n", 1000, DEFAULT_MAX_BYTES, ALL), Ok(FileType::Pdf), "no extension: the content says");
        assert_eq!(
            check("营业执照.pdf", PNG, 1000, DEFAULT_MAX_BYTES, ALL),
            Err(UploadProblem::Mismatch { named: FileType::Pdf, content: FileType::Png })
        );
        assert_eq!(check("notes.pdf", b"hello world, not", 1000, DEFAULT_MAX_BYTES, ALL), Err(UploadProblem::NotAccepted));
        assert_eq!(check("photo.jpg", PNG, 1000, DEFAULT_MAX_BYTES, &[FileType::Jpeg]), Err(UploadProblem::NotAccepted));
        assert_eq!(check("IMG_0001.HEIC", HEIC, 1000, DEFAULT_MAX_BYTES, ALL), Err(UploadProblem::Heic));
        assert_eq!(check("IMG_0001.jpg", HEIC, 1000, DEFAULT_MAX_BYTES, ALL), Err(UploadProblem::Heic), "renamed HEIC");
    }

    #[test]
    fn empty_and_over_size_files_are_refused() {
        assert_eq!(check("a.png", &[], 0, DEFAULT_MAX_BYTES, ALL), Err(UploadProblem::Empty));
        assert_eq!(check("a.png", PNG, DEFAULT_MAX_BYTES + 1, DEFAULT_MAX_BYTES, ALL), Err(UploadProblem::TooLarge { limit: DEFAULT_MAX_BYTES }));
        assert_eq!(check("a.png", PNG, DEFAULT_MAX_BYTES, DEFAULT_MAX_BYTES, ALL), Ok(FileType::Png), "exactly the limit is allowed");
    }

    #[test]
    fn messages_name_the_material_and_what_to_do() {
        let m = UploadProblem::Mismatch { named: FileType::Pdf, content: FileType::Png }.message(Lang::Zh, "营业执照");
        assert_eq!(m, "营业执照的文件名是PDF 文件，但内容是PNG 图片，文件可能被改过名。请上传原始文件");
        assert!(UploadProblem::TooLarge { limit: DEFAULT_MAX_BYTES }.message(Lang::Zh, "户口簿").contains("10 MB"));
        assert!(UploadProblem::Heic.message(Lang::En, "ID card").contains("Most compatible"));
    }
}
