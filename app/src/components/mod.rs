//! Reusable UI, one file each, with a CSS file of the same name in `style/components/`. Every component shows its
//! examples on the development gallery (`/dev/gallery`), which e2e and axe scan.

pub mod back_link;
pub mod button;
pub mod date_input;
pub mod drafts;
pub mod error_summary;
pub mod field;
pub mod file_upload;
pub mod grouped_select;
pub mod island_scripts;
pub mod item_list;
pub mod layout;
pub mod live;
pub mod map;
pub mod not_found;
pub mod notice_list;
pub mod open_state;
pub mod panel;
pub mod qr;
pub mod radios;
pub mod rate_offer;
pub mod refresh_button;
pub mod search_box;
pub mod select_input;
pub mod sign_out_button;
pub mod summary_card;
pub mod summary_list;
pub mod tag;
pub mod task_list;
pub mod text_input;
pub mod timeline;
pub mod warning_text;
