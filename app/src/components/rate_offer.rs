//! 一次一评 (issue 19): a served ticket's invitation to rate the service, on the ticket page and the booking page.

use leptos::prelude::*;

/// The invitation, shown once `ticket` is served (nothing before).
#[component]
pub fn RateOffer(#[prop(into)] ticket: String, served: bool, #[prop(optional, into)] lang: Option<crate::i18n::Lang>) -> impl IntoView {
    // Islands pass their language; a page reads it from the request.
    let l = lang.unwrap_or_else(crate::i18n::lang);
    served.then(|| {
        view! {
            <p class="rate-offer no-print">
                {l.pick("办完了？请为这次服务打分，帮助我们改进。", "Done? Please rate this service to help us improve.")}" "
                <a class="button" href=crate::domain::rating::rate_path("t", &ticket, None)>{l.pick("评价本次服务", "Rate this service")}</a>
            </p>
        }
    })
}
