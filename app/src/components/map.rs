//! The map: a server-rendered SVG (readable without JavaScript), with two small islands on top — pan and zoom, and
//! "use my location", which asks for the location only when tapped. Both render their controls hidden and show them
//! once hydrated, so a page without JavaScript never shows a button that does nothing.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Pan and zoom over the SVG map passed as `children` (buttons, drag with one finger or the mouse, pinch with two,
/// ctrl + wheel). At the full extent the page still scrolls vertically over the map.
#[island]
pub fn MapViewer(
    /// Accessible names of the three buttons: zoom in, zoom out, whole county.
    labels: (String, String, String),
    children: Children,
) -> impl IntoView {
    let ready = RwSignal::new(false);
    let zoomed = RwSignal::new(false);
    let frame = NodeRef::<leptos::html::Div>::new();
    let pan = StoredValue::new(Pan::default());
    Effect::new(move |_| ready.set(true));
    let zoom_by = move |factor: f64| {
        #[cfg(feature = "hydrate")]
        browser::zoom_centre(frame, pan, zoomed, factor);
        let _ = factor;
    };
    view! {
        <div class="map-viewer">
            <div
                class="zone-map"
                class:zone-map--zoomed=move || zoomed.get()
                node_ref=frame
                on:pointerdown=move |ev| {
                    let _ = &ev;
                    #[cfg(feature = "hydrate")]
                    browser::pointer_down(frame, pan, ev);
                }
                on:pointermove=move |ev| {
                    let _ = &ev;
                    #[cfg(feature = "hydrate")]
                    browser::pointer_move(frame, pan, zoomed, ev);
                }
                on:pointerup=move |ev| pan.update_value(|p| p.lift(ev.pointer_id()))
                on:pointercancel=move |ev| pan.update_value(|p| p.lift(ev.pointer_id()))
                on:wheel=move |ev| {
                    if ev.ctrl_key() {
                        ev.prevent_default();
                        zoom_by(if ev.delta_y() < 0.0 { 1.25 } else { 0.8 });
                    }
                }
            >
                {children()}
            </div>
            <div class="map-viewer__tools" hidden=move || !ready.get()>
                <button type="button" class="button button--secondary" data-testid="zoom-in" on:click=move |_| zoom_by(1.5)>
                    "+"<span class="visually-hidden">{labels.0.clone()}</span>
                </button>
                <button type="button" class="button button--secondary" data-testid="zoom-out" on:click=move |_| zoom_by(1.0 / 1.5)>
                    "−"<span class="visually-hidden">{labels.1.clone()}</span>
                </button>
                <button type="button" class="button button--secondary" data-testid="zoom-reset" on:click=move |_| zoom_by(0.0)>
                    {labels.2.clone()}
                </button>
            </div>
        </div>
    }
}

/// The visible part of the map in SVG user units.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ViewBox {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl ViewBox {
    /// Zooms by `factor` (> 1 zooms in) keeping the point at fraction (`fx`, `fy`) of the view where it is, never
    /// beyond the whole map `full` nor closer than an eighth of it. A `factor` of 0 returns to the whole map.
    pub fn zoom(self, full: ViewBox, factor: f64, fx: f64, fy: f64) -> ViewBox {
        if factor <= 0.0 {
            return full;
        }
        let w = (self.w / factor).clamp(full.w / 8.0, full.w);
        let h = w * full.h / full.w;
        let (ux, uy) = (self.x + fx * self.w, self.y + fy * self.h);
        ViewBox { x: ux - fx * w, y: uy - fy * h, w, h }.clamped(full)
    }

    /// Moves by (`dx`, `dy`) user units, staying over the map.
    pub fn pan(self, full: ViewBox, dx: f64, dy: f64) -> ViewBox {
        ViewBox { x: self.x - dx, y: self.y - dy, ..self }.clamped(full)
    }

    fn clamped(self, full: ViewBox) -> ViewBox {
        ViewBox {
            x: self.x.clamp(full.x, full.x + full.w - self.w),
            y: self.y.clamp(full.y, full.y + full.h - self.h),
            ..self
        }
    }

    pub fn is_whole(self, full: ViewBox) -> bool {
        self.w >= full.w - 1e-9
    }
}

/// The gesture in progress: pointers down (id, x, y in CSS pixels), and the map's extents.
#[derive(Default)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub struct Pan {
    full: Option<ViewBox>,
    now: ViewBox,
    pointers: Vec<(i32, f64, f64)>,
}

impl Pan {
    fn lift(&mut self, id: i32) {
        self.pointers.retain(|p| p.0 != id);
    }
}

/// "Use my location": asks the browser for the location only when tapped, posts it in a form body (never a URL)
/// to `/api/locate_me`, which shows the zone of the nearest village. A refusal says so plainly and
/// moves to the village picker, which is right below.
#[island]
pub fn LocateMe(
    /// Button text.
    label: String,
    /// What to say while waiting, when refused, and when the location cannot be found.
    waiting: String,
    refused: String,
    failed: String,
) -> impl IntoView {
    let ready = RwSignal::new(false);
    let message = RwSignal::new(String::new());
    let form = NodeRef::<leptos::html::Form>::new();
    let lat = NodeRef::<leptos::html::Input>::new();
    let lon = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| ready.set(true));
    let ask = move |_| {
        message.set(waiting.clone());
        #[cfg(feature = "hydrate")]
        browser::locate(form, lat, lon, message, refused.clone(), failed.clone());
        #[cfg(not(feature = "hydrate"))]
        let _ = (&refused, &failed);
    };
    view! {
        <form class="locate-me" method="post" action=crate::api::map::LocateMe::url() node_ref=form hidden=move || !ready.get()>
            <input type="number" name="lat" hidden node_ref=lat/>
            <input type="number" name="lon" hidden node_ref=lon/>
            <button type="button" class="button" data-testid="locate-me" on:click=ask>{label}</button>
            <p class="locate-me__message" aria-live="polite">{move || message.get()}</p>
        </form>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::{Pan, ViewBox};
    use leptos::prelude::*;
    use wasm_bindgen::{closure::Closure, JsCast};

    type Frame = NodeRef<leptos::html::Div>;
    type PanState = StoredValue<Pan>;

    fn svg(frame: Frame) -> Option<(web_sys::Element, web_sys::DomRect)> {
        let svg = frame.get_untracked()?.query_selector("svg").ok()??;
        let rect = svg.get_bounding_client_rect();
        (rect.width() > 0.0).then_some((svg, rect))
    }

    /// The map's extents, read once from the server-rendered viewBox.
    fn ensure_full(pan: &mut Pan, svg: &web_sys::Element) -> Option<ViewBox> {
        if pan.full.is_none() {
            // Whole numbers from the server: parsing and printing floats would pull ~20 KB of float formatting into
            // the WASM.
            let v: Vec<f64> =
                svg.get_attribute("viewBox")?.split_whitespace().filter_map(|n| n.parse::<i32>().ok()).map(f64::from).collect();
            let full = ViewBox { x: *v.first()?, y: *v.get(1)?, w: *v.get(2)?, h: *v.get(3)? };
            pan.full = Some(full);
            pan.now = full;
        }
        pan.full
    }

    fn show(svg: &web_sys::Element, zoomed: RwSignal<bool>, full: ViewBox, v: ViewBox) {
        // In tenths, printed as integers (see ensure_full); the view never goes below zero.
        let t = |n: f64| {
            let t = (n.max(0.0) * 10.0).round() as u32;
            format!("{}.{}", t / 10, t % 10)
        };
        let _ = svg.set_attribute("viewBox", &format!("{} {} {} {}", t(v.x), t(v.y), t(v.w), t(v.h)));
        zoomed.set(!v.is_whole(full));
    }

    pub fn zoom_centre(frame: Frame, pan: PanState, zoomed: RwSignal<bool>, factor: f64) {
        let Some((svg, _)) = svg(frame) else { return };
        pan.update_value(|p| {
            let Some(full) = ensure_full(p, &svg) else { return };
            p.now = p.now.zoom(full, factor, 0.5, 0.5);
            show(&svg, zoomed, full, p.now);
        });
    }

    pub fn pointer_down(frame: Frame, pan: PanState, ev: web_sys::PointerEvent) {
        if let Some(f) = frame.get_untracked() {
            let _ = f.set_pointer_capture(ev.pointer_id());
        }
        pan.update_value(|p| {
            p.lift(ev.pointer_id());
            p.pointers.push((ev.pointer_id(), f64::from(ev.client_x()), f64::from(ev.client_y())));
        });
    }

    pub fn pointer_move(frame: Frame, pan: PanState, zoomed: RwSignal<bool>, ev: web_sys::PointerEvent) {
        let Some((svg, rect)) = svg(frame) else { return };
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        pan.update_value(|p| {
            let Some(i) = p.pointers.iter().position(|q| q.0 == ev.pointer_id()) else { return };
            let Some(full) = ensure_full(p, &svg) else { return };
            let units = p.now.w / rect.width();
            match p.pointers.len() {
                1 if !p.now.is_whole(full) => {
                    let (_, px, py) = p.pointers[i];
                    p.now = p.now.pan(full, (x - px) * units, (y - py) * units);
                }
                2 => {
                    let other = p.pointers[1 - i];
                    let (_, px, py) = p.pointers[i];
                    let before = ((px - other.1).powi(2) + (py - other.2).powi(2)).sqrt();
                    let after = ((x - other.1).powi(2) + (y - other.2).powi(2)).sqrt();
                    if before > 0.0 {
                        let fx = (((x + other.1) / 2.0 - rect.left()) / rect.width()).clamp(0.0, 1.0);
                        let fy = (((y + other.2) / 2.0 - rect.top()) / rect.height()).clamp(0.0, 1.0);
                        p.now = p.now.zoom(full, after / before, fx, fy);
                    }
                }
                _ => {}
            }
            p.pointers[i] = (ev.pointer_id(), x, y);
            show(&svg, zoomed, full, p.now);
        });
    }

    pub fn locate(
        form: NodeRef<leptos::html::Form>,
        lat: NodeRef<leptos::html::Input>,
        lon: NodeRef<leptos::html::Input>,
        message: RwSignal<String>,
        refused: String,
        failed: String,
    ) {
        let Some(geo) = window().navigator().geolocation().ok() else {
            message.set(failed);
            return;
        };
        let found = Closure::once_into_js(move |pos: web_sys::Position| {
            let c = pos.coords();
            if let (Some(f), Some(la), Some(lo)) = (form.get_untracked(), lat.get_untracked(), lon.get_untracked()) {
                // As numbers: the browser prints them (no float formatting in the WASM).
                la.set_value_as_number(c.latitude());
                lo.set_value_as_number(c.longitude());
                let _ = f.submit();
            }
        });
        let lost = Closure::once_into_js(move |e: web_sys::PositionError| {
            message.set(if e.code() == web_sys::PositionError::PERMISSION_DENIED { refused } else { failed });
            // The picker is right below: take the person there.
            if let Some(picker) = document().get_element_by_id("village").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = picker.focus();
            }
        });
        let options = web_sys::PositionOptions::new();
        options.set_timeout(15_000);
        options.set_maximum_age(60_000);
        let _ = geo.get_current_position_with_error_callback_and_options(
            found.unchecked_ref(),
            Some(lost.unchecked_ref()),
            &options,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::ViewBox;

    const FULL: ViewBox = ViewBox { x: 0.0, y: 0.0, w: 360.0, h: 300.0 };

    #[test]
    fn zooming_keeps_the_point_under_the_finger_and_stays_on_the_map() {
        let v = FULL.zoom(FULL, 2.0, 0.25, 0.5);
        assert_eq!((v.w, v.h), (180.0, 150.0));
        // The point a quarter of the way across stays a quarter of the way across.
        assert!((v.x + 0.25 * v.w - 90.0).abs() < 1e-9);
        assert!((v.y + 0.5 * v.h - 150.0).abs() < 1e-9);
        // Never closer than an eighth, never beyond the whole map, and 0 returns to it.
        assert_eq!(v.zoom(FULL, 100.0, 0.5, 0.5).w, 45.0);
        assert_eq!(v.zoom(FULL, 0.01, 0.5, 0.5), FULL);
        assert_eq!(v.zoom(FULL, 0.0, 0.9, 0.9), FULL);
    }

    #[test]
    fn panning_stops_at_the_edges() {
        let v = FULL.zoom(FULL, 2.0, 0.5, 0.5);
        assert_eq!(v.pan(FULL, 1000.0, 1000.0), ViewBox { x: 0.0, y: 0.0, ..v });
        assert_eq!(v.pan(FULL, -1000.0, -1000.0), ViewBox { x: 180.0, y: 150.0, ..v });
        assert!(FULL.pan(FULL, 10.0, 0.0).is_whole(FULL));
    }
}
