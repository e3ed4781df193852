//! `/dev/gallery` (development only): every component with its examples, scanned by e2e and axe once.

use crate::api::dev::dev_pages_enabled;
use crate::api::guide::ItemSummary;
use crate::components::back_link::BackLink;
use crate::components::button::{ComingSoon, LinkButton};
use crate::components::error_summary::ErrorSummary;
use crate::domain::form::FieldError;
use crate::components::item_list::ItemList;
use crate::components::layout::Page;
use crate::components::open_state::OpenState;
use crate::components::search_box::SearchBox;
use crate::components::summary_list::SummaryList;
use crate::components::tag::Tag;
use crate::components::timeline::Timeline;
use crate::domain::cases::page::StepLine;
use crate::domain::cases::Event;
use crate::components::radios::{Checkboxes, Radios};
use crate::components::text_input::TextInput;
use crate::components::grouped_select::GroupedSelect;
use crate::components::notice_list::NoticeList;
use crate::components::qr::QrCode;
use crate::components::refresh_button::RefreshButton;
use crate::domain::calendar::OpenWord;
use crate::domain::catalogue::{Audience, Handling, ItemKind};
use crate::pages::loaded;
use crate::components::not_found::NotFoundBody;
use crate::components::date_input::DateInput;
use crate::components::file_upload::FileUpload;
use crate::components::panel::Panel;
use crate::components::radios::Opt;
use crate::components::summary_card::SummaryCard;
use crate::components::task_list::{Task, TaskList};
use crate::components::warning_text::WarningText;
use leptos::prelude::*;

#[component]
pub fn Gallery() -> impl IntoView {
    let enabled = dev_pages_enabled();
    loaded(enabled, |on: bool| if on { view! { <GalleryBody/> }.into_any() } else { view! { <NotFoundBody what="页面"/> }.into_any() })
}

fn sample_item(code: &str, name: &str, handling: Handling, visits: u8, nearby: bool) -> ItemSummary {
    ItemSummary {
        code: code.into(),
        name: name.into(),
        kind: ItemKind::Licence,
        handling,
        visits,
        online_depth: 3,
        promised_days: if handling == Handling::Immediate { 0 } else { 5 },
        statutory_days: 20,
        department: "市场监管".into(),
        audience: Audience::Enterprise,
        nearby,
    }
}

#[component]
fn Example(#[prop(into)] name: String, children: Children) -> impl IntoView {
    view! {
        <section class="gallery__example">
            <h2 class="gallery__name">{name}</h2>
            {children()}
        </section>
    }
}

#[component]
fn GalleryBody() -> impl IntoView {
    view! {
        <Page title="组件库">
            <h1>"组件库（开发用）"</h1>
            <Example name="back_link"><BackLink href="/" text="返回首页"/></Example>
            <Example name="button">
                <LinkButton href="/guide">"开始办理"</LinkButton>
                <ComingSoon label="预约办事"/>
            </Example>
            <Example name="error_summary">
                <ErrorSummary errors=vec![
                    FieldError { field: "q".into(), message: "请输入要搜索的事项名称".into() },
                ]/>
            </Example>
            <Example name="tag">
                <Tag text="即办件" tone="green"/> " " <Tag text="承诺件"/> " " <Tag text="零跑腿" tone="blue"/> " "
                <Tag text="可就近办" tone="purple"/> " " <Tag text="可容缺" tone="yellow"/> " " <Tag text="选交" tone="grey"/>
            </Example>
            <Example name="open_state">
                <p><OpenState word=OpenWord::Open text="17:30 下班"/></p>
                <p><OpenState word=OpenWord::Lunch text="14:00 恢复办公"/></p>
                <p><OpenState word=OpenWord::Closed text="明天 09:00 开门"/></p>
            </Example>
            <Example name="rate_offer">
                <crate::components::rate_offer::RateOffer ticket="abcdefghjkmn" served=true/>
            </Example>
            <Example name="timeline">
                <Timeline steps=vec![
                    StepLine { event: Event::Submit, label: "提交申请".into(), at: "2026年12月07日 10:00".into(), place: "网上".into(), by: None, lines: vec![], files: vec![] },
                    StepLine {
                        event: Event::RequestCorrection,
                        label: "一次性告知补正".into(),
                        at: "2026年12月08日 09:30".into(),
                        place: "嵩明县政务服务中心 3号窗口".into(),
                        by: Some("公安窗口 李明（窗口工作人员）".into()),
                        lines: vec!["1. 申请人居民身份证：照片反光，号码看不清。请重新拍摄".into()],
                        files: vec![],
                    },
                ]/>
            </Example>
            <Example name="summary_list">
                <SummaryList rows=vec![
                    ("办理时限".into(), "承诺5个工作日（法定20个工作日）".into()),
                    ("收费标准".into(), "不收费".into()),
                ]/>
            </Example>
            <Example name="text_input">
                <TextInput name="g-from" label="受理日期" hint="例如 2026-09-30" value="2026-09-30"/>
                <TextInput name="g-days" label="承诺时限（工作日）" error=Some("工作日天数须为0到365之间的整数".to_string()) value="abc" short=true/>
            </Example>
            <Example name="radios">
                <Radios name="g-for" legend="为谁预约" checked="self"
                    options=vec![("self".into(), "本人".into()), ("family".into(), "为家人预约".into())]/>
                <Radios name="g-reason" legend="办理绿色通道的原因" hint="选择一项" error=Some("请选择办理绿色通道的原因".to_string())
                    options=vec![("elderly".into(), "老年人".into()), ("other".into(), "其他特殊困难".into())]/>
                <Radios name="g-slot" legend="选择11月28日 周六的时段" hint="灰色的时段不可选择"
                    options=vec![
                        Opt::new("a", "09:00–09:30").hint("余2个"),
                        Opt::new("b", "09:30–10:00").hint("已约满").disabled(true),
                        Opt::new("c", "14:00–14:30").hint("暂停服务：线路检修停电").disabled(true),
                    ]/>
                <Checkboxes name="g-depts" legend="办理部门" hint="可多选" checked=vec!["GA".to_string()]
                    options=vec![("GA".into(), "县公安局".into()), ("MZ".into(), "县民政局".into())]/>
            </Example>
            <Example name="grouped_select">
                <GroupedSelect name="g-village" label="所在村（社区）" hint="按乡镇（街道）分组" placeholder="请选择" selected="530127101201"
                    groups=vec![("嵩阳街道".into(), vec![("530127101201".into(), "北门社区".into()), ("530127101202".into(), "南门社区".into())])]/>
            </Example>
            <Example name="search_box"><SearchBox value="营业执照"/></Example>
            <Example name="qr"><QrCode text="https://hall.example.gov.cn/bookings/ABCDEFGHJKMN".to_string() label="签到二维码"/></Example>
            <Example name="notice_list">
                <NoticeList notices=vec![
                    ("【掌上办事大厅】您已预约个体工商户营业执照设立登记：嵩明县政务服务中心，11月28日 09:00–09:30".into(),
                     "/bookings".into(), "2026年11月24日 10:00".into()),
                ]/>
            </Example>
            <Example name="refresh_button"><RefreshButton href="/dev/gallery"/></Example>
            <Example name="task_list">
                <TaskList tasks=vec![
                    Task { name: "申请人信息".into(), href: Some("#g-tasks".into()), hint: None, status: "已完成".into(), tone: "green" },
                    Task { name: "上传材料".into(), href: Some("#g-tasks".into()), hint: Some("必交2项，可容缺1项".into()), status: "未完成".into(), tone: "blue" },
                    Task { name: "确认提交".into(), href: None, hint: None, status: "无法开始".into(), tone: "grey" },
                ]/>
            </Example>
            <Example name="date_input">
                <DateInput name="g-birth" legend="出生日期" hint="例如 1968 3 27" value=("1968".into(), "3".into(), "27".into())/>
                <DateInput name="g-issued" legend="发证日期" error=Some("发证日期须为真实存在的日期".to_string()) value=("2026".into(), "2".into(), "30".into())/>
            </Example>
            <Example name="panel">
                <Panel title="申请已提交" heading=false reference=("办件编号".to_string(), "SM20261201000123".to_string())/>
            </Example>
            <Example name="warning_text">
                <WarningText>"提交后不能修改。如填写有误，请等待窗口一次性告知后补正。"</WarningText>
            </Example>
            <Example name="file_upload">
                <FileUpload name="g-id-photo" label="居民身份证（正反面）" hint="JPG、PNG 或 PDF，每个文件不超过10MB" accept=".jpg,.jpeg,.png,.pdf"/>
                <FileUpload name="g-licence" label="营业执照" error=Some("营业执照只能上传 JPG、PNG 或 PDF 文件".to_string()) accept=".jpg,.jpeg,.png,.pdf" progress=60/>
            </Example>
            <Example name="summary_card">
                <SummaryCard title="家庭成员1" actions=vec![("#g-card".into(), "修改".into()), ("#g-card".into(), "删除".into())]
                    rows=vec![("姓名".into(), "李桂芬".into()), ("与申请人关系".into(), "配偶".into())]/>
            </Example>
            <Example name="item_list">
                <ItemList items=vec![
                    sample_item("SC-001", "个体工商户营业执照设立登记", Handling::Immediate, 0, true),
                    sample_item("SC-002", "食品经营许可证核发", Handling::Promised, 1, false),
                ]/>
            </Example>
        </Page>
    }
}
