//! Command-line arguments (명령줄 인자), parsed by clap.

use crate::commands::init::MAX_STRATEGIES;
use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::commands::build::Rendition;

use crate::renditions::pdf::Typesetting;

/// 지역일자리 목표 공시제 연차별 세부계획을 자료(YAML, 엑셀)로부터 PDF로 만듭니다.
#[derive(Debug, Parser)]
#[command(name = "gongsi", version, about, long_about = None)]
pub struct Cli {
    /// 실행할 명령.
    #[command(subcommand)]
    pub command: Command,
}

/// gongsi's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 계획 폴더나 통합문서를 PDF로 만듭니다 (계획을 주지 않으면 내장된 2021년 인천 서구 계획).
    Build(BuildArgs),
    /// 계획 자료를 검사합니다: 구조 오류, 계산이 맞지 않는 숫자, 빠진 내용과 채울 곳을 모두, 위치와
    /// 함께 알립니다.
    Check(CheckArgs),
    /// YAML 형식의 JSON 스키마를 씁니다 (편집기의 자동 완성·오류 표시용).
    Schema(SchemaArgs),
    /// 자료를 채워 넣을 빈 양식을 만듭니다: gongsi template xlsx -o 빈양식.xlsx
    Template(TemplateArgs),
    /// 계획을 통합문서로 내보냅니다: gongsi export xlsx <계획> -o 계획.xlsx
    Export(ExportArgs),
    /// 처음 쓰는 계획의 본보기를 만듭니다: gongsi init --district "○○도 ○○군" --year 2026
    /// -o 새계획 (YAML 폴더, --xlsx면 통합문서 하나). 항목마다 한국어 설명과 「채울 곳」이 있습니다.
    Init(InitArgs),
    /// 지난해 계획으로 다음 해 계획 폴더를 만듭니다: gongsi new --from <지난해 계획> --year 2022
    /// -o <새 폴더>. 검토할 곳은 화면과 새 폴더의 검토할곳.md에 적습니다.
    New(NewArgs),
    /// 계획의 자료·템플릿·글꼴이 바뀔 때마다 PDF를 다시 만듭니다 (Ctrl-C로 끝냄).
    Watch(WatchArgs),
    /// 계획을 브라우저에서 봅니다: 쪽, 검사 결과, 고칠 때마다 바뀌는 화면, 내려받기 (Ctrl-C로 끝냄).
    /// 계획을 주지 않으면 화면에서 폴더를 열거나 통합문서를 올립니다.
    Studio(StudioArgs),
    /// 누리집에 올릴 폴더를 만듭니다: 접근성 PDF(PDF/UA-1, PDF/A-2a), HTML 판(index.html),
    /// 표지 썸네일과 쪽 미리보기 PNG, manifest.json.
    Publish(PublishArgs),
    /// 두 초안을 비교합니다: 추가·삭제·이동된 전략·과제·사업, 바뀐 숫자와 합계, 바뀐 글(어절 단위).
    /// 한쪽이 한글 검토본(.hwpx)이면 고친 문단·표 행과 메모를 계획 파일의 자리와 함께 알립니다.
    /// 종료 코드: 0 같음, 1 다름, 2 오류 (build와 다릅니다).
    #[command(
        after_help = "종료 코드: 0 두 초안이 같음, 1 다름, 2 오류(읽을 수 없는 초안, 자료 오류, 파일 오류).\n\
                      build·check와 달리 1은 실패가 아니라 \"다르다\"는 뜻입니다 (diff 명령과 같은 약속)."
    )]
    Diff(DiffArgs),
    /// 명령의 도움말을 봅니다: gongsi help build (gongsi build --help와 같습니다).
    Help(HelpArgs),
}

/// Arguments of `gongsi help`.
#[derive(Debug, Args)]
pub struct HelpArgs {
    /// 도움말을 볼 명령 (생략하면 gongsi의 도움말).
    #[arg(value_name = "명령")]
    pub command: Option<String>,
}

/// Workbook formats gongsi writes.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum WorkbookFormat {
    /// Excel 통합문서 (.xlsx).
    Xlsx,
}

/// Arguments of `gongsi template`.
#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// 양식의 형식 (xlsx).
    #[arg(value_enum, value_name = "형식")]
    pub format: WorkbookFormat,
    /// 만들 파일.
    #[arg(short, long, value_name = "파일", default_value = "빈양식.xlsx")]
    pub output: PathBuf,
}

/// Arguments of `gongsi export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// 내보낼 형식 (xlsx).
    #[arg(value_enum, value_name = "형식")]
    pub format: WorkbookFormat,
    /// 계획 폴더 또는 통합문서. 생략하면 내장된 참고 계획을 씁니다.
    #[arg(value_name = "계획")]
    pub plan: Option<PathBuf>,
    /// 만들 파일 (기본: {연도}-{지자체}-연차별세부계획.xlsx).
    #[arg(short, long, value_name = "파일")]
    pub output: Option<PathBuf>,
}

/// Arguments of `gongsi build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// 계획 폴더 (plan.yaml이 있는 폴더) 또는 통합문서(.xlsx, .xls, .xlsb, .ods). 여러 개를
    /// 주거나 계획들이 든 폴더를 주면 한꺼번에 (코어 수만큼 동시에) 만듭니다. 생략하면 내장된
    /// 참고 계획을 씁니다.
    #[arg(value_name = "계획")]
    pub plans: Vec<PathBuf>,
    /// 만들 PDF 파일 (기본: {연도}-{지자체}-연차별세부계획.pdf). 계획이 여럿이면 PDF들을 넣을
    /// 폴더입니다.
    #[arg(short, long, value_name = "파일|폴더")]
    pub output: Option<PathBuf>,
    /// 생성된 Typst 원본을 이 폴더에도 씁니다.
    #[arg(long, value_name = "폴더")]
    pub emit_typst: Option<PathBuf>,
    #[command(flatten)]
    pub typesetting: TypesettingArgs,
    /// 경고(계산이 맞지 않는 숫자, 빠진 내용, 채울 곳 등)가 있으면 문서를 만들지 않고 종료
    /// 코드 2로 끝냅니다.
    #[arg(long)]
    pub deny_warnings: bool,
    /// 경고를 규칙별 요약 대신 하나하나 원본 일부와 함께 모두 보입니다 (gongsi check와 같은 모양).
    #[arg(long)]
    pub verbose: bool,
    /// 만들 문서의 형식: pdf 또는 hwpx(한글 문서). -o를 주면 그 확장자(.pdf, .hwpx)를 따릅니다.
    #[arg(long, value_enum, value_name = "형식")]
    pub to: Option<Rendition>,
}

/// `--to pdf` or `--to hwpx`: the renditions `gongsi build` writes.
impl ValueEnum for Rendition {
    fn value_variants<'a>() -> &'a [Self] {
        &[Rendition::Pdf, Rendition::Hwpx]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            Rendition::Pdf => PossibleValue::new("pdf").help("PDF"),
            Rendition::Hwpx => PossibleValue::new("hwpx").help("한글 문서 (HWPX)"),
        })
    }
}

/// Arguments of `gongsi new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// 지난해 계획: 계획 폴더 또는 통합문서.
    #[arg(long, value_name = "계획")]
    pub from: PathBuf,
    /// 새 계획의 연도 (기본: 지난해 계획 연도 + 1).
    #[arg(long, value_name = "연도")]
    pub year: Option<i32>,
    /// 만들 계획 폴더 (기본: {연도}-{지자체}). 없거나 비어 있어야 합니다.
    #[arg(short, long, value_name = "폴더")]
    pub output: Option<PathBuf>,
}

/// Arguments of `gongsi init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// 지자체 이름 (표지·제목·파일 이름에 쓰임). 예: "○○도 ○○군"
    #[arg(long, value_name = "이름")]
    pub district: String,
    /// 계획 연도 (네 자리, 2000–2100). 예: 2026
    #[arg(long, value_name = "연도", value_parser = clap::value_parser!(i32).range(2000..=2100))]
    pub year: i32,
    /// 추진전략 파일의 수 (1–20; 전략마다 실천과제 2개, 과제마다 세부사업 1개).
    #[arg(
        long,
        value_name = "개수",
        default_value_t = 3,
        value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=MAX_STRATEGIES as u64)
    )]
    pub strategies: usize,
    /// YAML 폴더 대신 통합문서 하나(.xlsx, 빈 양식과 같은 시트)로 씁니다.
    #[arg(long)]
    pub xlsx: bool,
    /// 만들 계획 폴더(--xlsx면 통합문서 파일). 기본: {연도}-{지자체}(.xlsx). 폴더는 없거나
    /// 비어 있어야 합니다.
    #[arg(short, long, value_name = "폴더|파일")]
    pub output: Option<PathBuf>,
}

/// Arguments of `gongsi watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// 계획 폴더 또는 통합문서 (기본: 현재 폴더).
    #[arg(value_name = "계획", default_value = ".")]
    pub plan: PathBuf,
    /// 만들 PDF 파일 (기본: {연도}-{지자체}-연차별세부계획.pdf).
    #[arg(short, long, value_name = "파일")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub typesetting: TypesettingArgs,
}

/// Arguments of `gongsi studio`.
#[derive(Debug, Args)]
pub struct StudioArgs {
    /// 계획 폴더 또는 통합문서. 생략하면 브라우저 화면에서 열거나 올립니다.
    #[arg(value_name = "계획")]
    pub plan: Option<PathBuf>,
    /// 브라우저를 열지 않고 주소만 찍습니다.
    #[arg(long)]
    pub no_open: bool,
    /// 들을 포트 (기본: 0, 비어 있는 아무 포트). 주소는 언제나 127.0.0.1입니다.
    #[arg(long, value_name = "번호", default_value_t = 0)]
    pub port: u16,
    #[command(flatten)]
    pub typesetting: TypesettingArgs,
}

/// Arguments of `gongsi check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// 계획 폴더 (plan.yaml이 있는 폴더) 또는 통합문서(.xlsx, .xls, .xlsb, .ods). 생략하면 내장된
    /// 참고 계획을 검사합니다.
    #[arg(value_name = "계획")]
    pub plan: Option<PathBuf>,
    /// 출력 형식: text(원본 일부와 함께) 또는 json.
    #[arg(long, value_enum, value_name = "형식", default_value_t = Format::Text)]
    pub format: Format,
    /// 경고(계산이 맞지 않는 숫자, 빠진 내용, 채울 곳 등)가 있어도 실패로 봅니다 (종료 코드 2).
    #[arg(long)]
    pub deny_warnings: bool,
}

/// Output format of `gongsi check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// 사람이 읽는 글 (원본 일부 포함).
    Text,
    /// 다른 도구가 읽는 JSON.
    Json,
}

/// Arguments of `gongsi schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// 스키마 파일을 쓸 폴더.
    #[arg(short, long, value_name = "폴더", default_value = "schema")]
    pub output: PathBuf,
}

/// Arguments of `gongsi publish`.
#[derive(Debug, Args)]
pub struct PublishArgs {
    /// 계획 폴더 또는 통합문서. 생략하면 내장된 참고 계획을 씁니다.
    #[arg(value_name = "계획")]
    pub plan: Option<PathBuf>,
    /// 만들 폴더 (기본: {연도}-{지자체}-연차별세부계획). 이미 있으면 비어 있거나 이전에
    /// publish로 만든 폴더여야 하며, 통째로 바뀝니다.
    #[arg(short, long, value_name = "폴더")]
    pub output: Option<PathBuf>,
    /// 쪽 미리보기 PNG의 너비 (픽셀).
    #[arg(long, value_name = "픽셀", default_value_t = crate::commands::publish::DEFAULT_PAGE_WIDTH)]
    pub preview_width: u32,
    /// 표지 썸네일 PNG의 너비 (픽셀).
    #[arg(long, value_name = "픽셀", default_value_t = crate::commands::publish::DEFAULT_THUMBNAIL_WIDTH)]
    pub thumbnail_width: u32,
    #[command(flatten)]
    pub typesetting: TypesettingArgs,
}

/// Arguments of `gongsi diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// 이전 초안: 계획 폴더(또는 그 plan.yaml)나 통합문서, 또는 한글 문서(.hwpx).
    #[arg(value_name = "이전")]
    pub old: PathBuf,
    /// 새 초안: 계획 폴더(또는 그 plan.yaml)나 통합문서, 또는 한글에서 고친 검토본(.hwpx).
    #[arg(value_name = "새것")]
    pub new: PathBuf,
    /// 출력 형식: text(터미널이면 색), md(Markdown) 또는 json.
    #[arg(long, value_enum, value_name = "형식", default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// 새 초안을 바뀐 곳을 표시해 조판한 검토용 PDF를 씁니다 (첫 쪽에 바뀐 곳 요약; 두 초안이 모두 계획일 때).
    #[arg(long, value_name = "파일")]
    pub pdf: Option<PathBuf>,
    /// 두 초안의 쪽을 그려 다른 쪽마다 다른 곳을 칠한 PNG와 summary.json을 이 폴더에 씁니다 (두 초안이 모두 계획일 때).
    #[arg(long, value_name = "폴더")]
    pub pages: Option<PathBuf>,
    /// --pages 그림의 너비 (픽셀).
    #[arg(long, value_name = "픽셀", default_value_t = 800)]
    pub page_width: u32,
    #[command(flatten)]
    pub typesetting: TypesettingArgs,
}

/// Output format of `gongsi diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// 사람이 읽는 글 (터미널이면 색).
    Text,
    /// Markdown.
    Md,
    /// 다른 도구가 읽는 JSON.
    Json,
}

/// 조판 설정: the options of every command that typesets (build, watch, publish, diff).
#[derive(Debug, Clone, Args)]
pub struct TypesettingArgs {
    /// 이 폴더의 템플릿이 같은 이름의 내장 템플릿을 대신합니다.
    #[arg(long, value_name = "폴더")]
    pub templates: Option<PathBuf>,
    /// 글꼴을 더 찾을 폴더 (여러 번 쓸 수 있음).
    #[arg(long, value_name = "폴더")]
    pub font_path: Vec<PathBuf>,
}

impl TypesettingArgs {
    /// The settings the typesetter takes.
    pub fn settings(&self) -> Typesetting {
        Typesetting {
            templates: self.templates.clone(),
            font_paths: self.font_path.clone(),
        }
    }
}
