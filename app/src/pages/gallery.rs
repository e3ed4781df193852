//! `/dev/gallery` (development only): every component with its examples, scanned by e2e and axe once.

use crate::api::dev::dev_pages_enabled;
use crate::api::guide::ItemSummary;
use crate::components::back_link::BackLink;
use crate::components::button::{ComingSoon, LinkButton};
use crate::components::error_summary::ErrorSummary;
use crate::forms::FieldError;
use crate::components::item_list::ItemList;
use crate::components::layout::Page;
use crate::components::open_state::OpenState;
use crate::components::search_box::SearchBox;
use crate::components::summary_list::SummaryList;
use crate::components::tag::Tag;
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
            <Example name="item_list">
                <ItemList items=vec![
                    sample_item("SC-001", "个体工商户营业执照设立登记", Handling::Immediate, 0, true),
                    sample_item("SC-002", "食品经营许可证核发", Handling::Promised, 1, false),
                ]/>
            </Example>
        </Page>
    }
}
