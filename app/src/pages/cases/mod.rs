//! Case processing and tracking (办件, issue 18): the applicant's tracking page and the public lookup
//! ([`track`]), and the staff console's intake list, case page, correction notice, printable notices and counter
//! filing ([`staff`]).

pub mod staff;
pub mod track;
