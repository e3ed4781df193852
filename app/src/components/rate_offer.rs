//! 一次一评 (issue 19): a served ticket's invitation to rate the service, on the ticket page and the booking page.

use crate::i18n::lang;
use leptos::prelude::*;

/// The invitation, shown once `ticket` is served (nothing before).
#[component]
pub fn RateOffer(#[prop(into)] ticket: String, served: bool) -> impl IntoView {
    let l = lang();
    served.then(|| {
        view! {
            <p class="rate-offer no-print">
                {l.pick("办完了？请为这次服务打分，帮助我们改进。", "Done? Please rate this service to help us improve.")}" "
                <a class="button" href=format!("/rate/t/{ticket}")>{l.pick("评价本次服务", "Rate this service")}</a>
            </p>
        }
    })
}
